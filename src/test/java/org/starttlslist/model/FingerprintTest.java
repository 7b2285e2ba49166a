package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintTest {
    private static final String CANONICAL = "5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569F";

    @ParameterizedTest
    @ValueSource(
            strings = {
                CANONICAL,
                "5b3e3db3ec7de6379eaeb20d93b7838e1ad8569f",
                // as gpg --fingerprint prints it: groups of four, two spaces in the middle
                "5B3E 3DB3 EC7D E637 9EAE  B20D 93B7 838E 1AD8 569F",
                " 5b3e3db3ec7de6379eaeb20d93b7838e1ad8569F "
            })
    void parse_normalisesWhatPeoplePaste(String typed) {
        Fingerprint fingerprint = Fingerprint.parse(typed);
        assertEquals(CANONICAL, fingerprint.hex());
        assertEquals(CANONICAL, fingerprint.toString());
        assertEquals(new Fingerprint(CANONICAL), fingerprint);
        assertEquals(Optional.of(fingerprint), Fingerprint.tryParse(typed));
        assertEquals("93B7838E1AD8569F", fingerprint.keyId());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "93B7838E1AD8569F|that is a key ID; give the full 40-digit fingerprint (gpg"
                        + " --with-colons --fingerprint)",
                "1AD8569F|that is a key ID; give the full 40-digit fingerprint (gpg --with-colons"
                        + " --fingerprint)",
                "5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569F5B3E3DB3EC7DE6379EAEB20D|that is a v6"
                        + " fingerprint (64 hex digits); the list's keys are v4, with 40-digit"
                        + " fingerprints",
                "5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569|a v4 OpenPGP fingerprint is 40 hex digits"
                        + " (gpg --with-colons --fingerprint)",
                "0x5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569F|a v4 OpenPGP fingerprint is 40 hex"
                        + " digits (gpg --with-colons --fingerprint)",
                "5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569G|a v4 OpenPGP fingerprint is 40 hex digits"
                        + " (gpg --with-colons --fingerprint)",
                "5B3E:3DB3:EC7D:E637:9EAE:B20D:93B7:838E:1AD8:569F|a v4 OpenPGP fingerprint is 40"
                        + " hex digits (gpg --with-colons --fingerprint)",
                "not hex|a v4 OpenPGP fingerprint is 40 hex digits (gpg --with-colons"
                        + " --fingerprint)"
            })
    void parse_refusesAnythingElse_sayingWhatItIs(String typed, String problem) {
        assertEquals(Optional.of(problem), Fingerprint.problem(typed));
        assertEquals(Optional.empty(), Fingerprint.tryParse(typed));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(typed));
        assertEquals(
                "'" + typed + "' is not an OpenPGP v4 fingerprint: " + problem, e.getMessage());
    }

    @Test
    void parse_refusesEmptyAndBlank() {
        for (String typed : new String[] {"", "   ", "\t"}) {
            assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(typed));
        }
        assertTrue(Fingerprint.problem(null).isPresent());
        assertEquals(Optional.empty(), Fingerprint.tryParse(null));
    }

    @Test
    void constructor_takesOnlyTheCanonicalForm() {
        assertTrue(Fingerprint.isCanonical(CANONICAL));
        for (String other :
                new String[] {
                    CANONICAL.toLowerCase(java.util.Locale.ROOT),
                    "5B3E 3DB3 EC7D E637 9EAE  B20D 93B7 838E 1AD8 569F",
                    CANONICAL.substring(1)
                }) {
            assertFalse(Fingerprint.isCanonical(other));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new Fingerprint(other));
            assertTrue(e.getMessage().contains("not in canonical form"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> new Fingerprint(null));
    }

    @Test
    void of_bytes_isUpperCaseHex_andRefusesOtherLengths() {
        byte[] bytes = HexFormat.of().parseHex(CANONICAL.toLowerCase(java.util.Locale.ROOT));
        assertEquals(CANONICAL, Fingerprint.of(bytes).hex());
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new byte[32]));
    }

    /**
     * Property: any 20 bytes, printed in any case with spaces anywhere, parse to the same canonical
     * fingerprint, and parsing the canonical form changes nothing (a fixed point).
     */
    @Test
    void parse_property_anySpacingAndCase() {
        Random random = new Random(40);
        for (int round = 0; round < 300; round++) {
            byte[] bytes = new byte[20];
            random.nextBytes(bytes);
            Fingerprint expected = Fingerprint.of(bytes);
            StringBuilder typed = new StringBuilder();
            for (char c : expected.hex().toCharArray()) {
                if (random.nextInt(5) == 0) {
                    typed.append(' ');
                }
                typed.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
            }
            assertEquals(expected, Fingerprint.parse(typed.toString()), typed.toString());
            assertEquals(expected, Fingerprint.parse(expected.hex()));
            assertEquals(0, expected.compareTo(Fingerprint.parse(typed.toString())));
        }
    }
}
