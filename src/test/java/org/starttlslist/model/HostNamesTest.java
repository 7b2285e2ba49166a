package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "mx1.example.com",
                "xn--bcher-kva.example",
                "example.xn--p1ai",
                "a.bc",
                "0.example",
                "a-b.example.org"
            })
    void acceptsCanonicalNames(String name) {
        assertEquals(Optional.empty(), HostNames.problem(name));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|is empty",
                "Example.com|has upper-case letters",
                "example.com.|ends with a dot",
                "*.example.com|starts with '*.'",
                "localhost|has a single label",
                "a..example|has an empty label",
                "-a.example|starts or ends with a hyphen",
                "a-.example|starts or ends with a hyphen",
                "ab--c.example|positions 3-4",
                "a_b.example|the character '_'",
                "example.c0m|neither alphabetic nor an A-label",
                "bücher.example|is not ASCII",
            })
    void explainsWhatIsWrong(String name, String expected) {
        String problem = HostNames.problem(name).orElseThrow();
        assertTrue(problem.contains(expected), name + ": " + problem);
    }

    /**
     * The fast path and the detailed rules must agree on every name; random names probe the edges.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fastPathAgreesWithTheRules(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab0-.x-n.Z_";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = random.nextInt(4) == 0 ? "xn--" + name : name.toString();
            boolean slow = HostNamesTest.slowProblem(text).isEmpty();
            assertEquals(slow, HostNames.problem(text).isEmpty(), text);
        }
    }

    /** The rules as the detailed path states them, restated independently. */
    private static Optional<String> slowProblem(String name) {
        if (name.isEmpty() || name.length() > 253 || !name.matches("[a-z0-9.-]+")) {
            return Optional.of("bad");
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("bad");
        }
        for (String label : labels) {
            if (label.isEmpty()
                    || label.length() > 63
                    || label.startsWith("-")
                    || label.endsWith("-")
                    || (label.length() >= 4
                            && label.startsWith("--", 2)
                            && !label.startsWith("xn--"))) {
                return Optional.of("bad");
            }
        }
        String tld = labels[labels.length - 1];
        return tld.startsWith("xn--") || tld.matches("[a-z]+")
                ? Optional.empty()
                : Optional.of("bad");
    }
}
