package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {
    @Test
    void foldCase_lowerCasesAsciiLettersOnly() {
        assertEquals("mx1.example.com", HostNames.foldCase("MX1.Example.COM"));
        // Not toLowerCase: the Kelvin sign and a non-ASCII capital stay, for the grammar to refuse.
        assertEquals("\u212Aexample.com", HostNames.foldCase("\u212Aexample.com"));
        assertEquals("\u00C4x.example", HostNames.foldCase("\u00C4X.example"));
        assertEquals(
                Optional.of(
                        "is not ASCII; write it as an A-label (punycode), e.g. xn--x-zfa.example"),
                HostNames.problem("\u00C4x.example"));
        assertEquals(
                Optional.of("has upper-case letters; write it in lower case"),
                HostNames.problem("Mx.example"));
    }

    @Test
    void foldCase_returnsTheSameStringWhenThereIsNothingToFold() {
        String name = "mx.example.com";
        assertSame(name, HostNames.foldCase(name));
        assertFalse(HostNames.hasUpperCase(name));
        assertTrue(HostNames.hasUpperCase("mX.example.com"));
    }

    /** Property: folding is idempotent and agrees with toLowerCase on ASCII. */
    @Test
    void foldCase_property() {
        Random random = new Random(4343);
        String alphabet = "aZ09.-Q\u00C4";
        for (int round = 0; round < 500; round++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String folded = HostNames.foldCase(name.toString());
            assertEquals(folded, HostNames.foldCase(folded));
            assertFalse(HostNames.hasUpperCase(folded));
            assertEquals(name.length(), folded.length());
            if (name.chars().allMatch(c -> c < 0x80)) {
                assertEquals(name.toString().toLowerCase(java.util.Locale.ROOT), folded);
            }
        }
    }

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

    /** The in-place check on bytes says what the String check says, on generated names. */
    @Test
    void theByteCheckAgreesWithTheStringCheck() {
        Random random = new Random(4343);
        String[] pieces = {
            "a",
            "z",
            "0",
            "9",
            "-",
            ".",
            "xn--",
            "ab",
            "A",
            "_",
            "--",
            "b".repeat(30),
            "c".repeat(62),
            "xn",
            "é"
        };
        int wellFormed = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = name.toString();
            boolean expected = HostNames.isCanonicalDomain(text);
            // Framed by other bytes, so a check that reads past its range fails.
            byte[] framed =
                    ("x." + text + ".y").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int from = 2;
            int to = framed.length - 2;
            boolean ascii = text.chars().allMatch(c -> c < 0x80);
            assertEquals(expected && ascii, HostNames.isWellFormed(framed, from, to), text);
            if (expected) {
                wellFormed++;
            }
        }
        assertTrue(wellFormed > 1_000, "only " + wellFormed + " generated names were canonical");
    }
}
