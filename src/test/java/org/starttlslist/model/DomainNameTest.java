package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNameTest {
    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "Example.COM, example.com",
        "example.com., example.com",
        "MAIL.Example.Org., mail.example.org",
        "xn--bcher-kva.example, xn--bcher-kva.example",
        "XN--BCHER-KVA.example, xn--bcher-kva.example",
        "a-1.b2.example, a-1.b2.example"
    })
    void parse_foldsCaseAndOneTrailingDot(String typed, String stored) {
        DomainName name = DomainName.parse(typed);
        assertEquals(stored, name.value());
        assertEquals(stored, name.toString());
        assertEquals(new DomainName(stored), name);
        assertEquals(Optional.of(name), DomainName.tryParse(typed));
    }

    /** Every rule of the grammar, each with the message that names it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|is empty",
                ".|is empty",
                "example.com..|ends with a dot; remove the trailing dot",
                "*.example.com|starts with '*.'; write a suffix as '.example.com' instead",
                "bücher.example|is not ASCII; write it as an A-label (punycode), e.g."
                        + " xn--bcher-kva.example",
                "localhost|has a single label; a mail domain has at least two",
                "a..example|has an empty label (two dots in a row)",
                "-a.example|has a label '-a' that starts or ends with a hyphen",
                "a_b.example|has the character '_'; only letters, digits, hyphens and dots are"
                        + " allowed",
                "ab--cd.example|has a label 'ab--cd' with '--' in positions 3-4 that is not an"
                        + " A-label",
                "example.123|has a top-level label '123' that is neither alphabetic nor an A-label",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example|has a"
                        + " label longer than 63 characters"
            })
    void parse_refusesEachBrokenRule_sayingWhich(String typed, String problem) {
        assertEquals(Optional.of(problem), DomainName.problem(typed));
        assertEquals(Optional.empty(), DomainName.tryParse(typed));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DomainName.parse(typed));
        assertEquals("'" + typed + "' is not a domain name: the name " + problem, e.getMessage());
    }

    @Test
    void parse_refusesTooLongAndNull() {
        String label = "a".repeat(63);
        String name = label + "." + label + "." + label + "." + label + ".example";
        assertEquals(Optional.of("is longer than 253 characters"), DomainName.problem(name));
        assertTrue(DomainName.problem(null).isPresent());
        assertThrows(NullPointerException.class, () -> new DomainName(null));
    }

    @Test
    void constructor_takesOnlyTheStoredForm() {
        for (String other : new String[] {"Example.com", "example.com.", "bücher.example"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new DomainName(other));
            assertTrue(e.getMessage().startsWith("'" + other + "' is not a domain name"));
        }
    }

    /**
     * Property: parsing folds case only, so any mix of cases of a valid name parses to the same
     * domain, and the stored form is a fixed point; the agreement with the grammar is exact.
     */
    @Test
    void parse_property_caseDoesNotMatter() {
        Random random = new Random(253);
        String alphabet = "abcxyz019-";
        for (int round = 0; round < 300; round++) {
            StringBuilder name = new StringBuilder();
            int labels = 2 + random.nextInt(3);
            for (int l = 0; l < labels; l++) {
                if (l > 0) {
                    name.append('.');
                }
                int length = 1 + random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    name.append(
                            l == labels - 1
                                    ? (char) ('a' + random.nextInt(26))
                                    : alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String lower = name.toString();
            assertEquals(
                    HostNames.problem(lower).isEmpty(), DomainName.tryParse(lower).isPresent());
            if (DomainName.tryParse(lower).isEmpty()) {
                continue;
            }
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
            }
            DomainName parsed = DomainName.parse(mixed.toString());
            assertEquals(lower, parsed.value());
            assertEquals(parsed, DomainName.parse(parsed.value()));
            assertEquals(parsed, DomainName.parse(parsed.value() + "."));
        }
    }
}
