package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttlslist.testing.SharedFixtures;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.verify.PinnedKeys;

class ArmoredKeyFingerprintsTest {
    @Test
    void agreesWithBouncyCastleForOurKeys() {
        for (TestKey key :
                List.of(
                        TestKeys.ed25519("fp-a"),
                        TestKeys.withSigningSubkey("fp-b"),
                        TestKeys.expiring("fp-c", java.time.Duration.ofDays(1)))) {
            assertEquals(
                    PinnedKeys.fromBytes(key.publicKey(), "k").primaryFingerprints(),
                    ArmoredKeyFingerprints.primaryFingerprints(key.publicKey()));
            assertEquals(
                    List.of(key.fingerprint()),
                    ArmoredKeyFingerprints.primaryFingerprints(key.publicKey()));
        }
    }

    @Test
    void readsSeveralKeysInOneFileAndSeveralArmourBlocks() {
        TestKey a = TestKeys.ed25519("fp-a");
        TestKey b = TestKeys.withSigningSubkey("fp-b");
        byte[] both =
                (TestKeys.text(a.publicKey()) + TestKeys.text(b.publicKey()))
                        .getBytes(StandardCharsets.US_ASCII);
        assertEquals(
                List.of(a.fingerprint(), b.fingerprint()),
                ArmoredKeyFingerprints.primaryFingerprints(both));
        assertEquals(
                PinnedKeys.fromBytes(both, "both").primaryFingerprints(),
                ArmoredKeyFingerprints.primaryFingerprints(both));
    }

    @Test
    void readsThePredecessorsKeyArmouredAndBinary() {
        String expected = "B693F33372E965D76D55368616EEA65D03326C9D";
        assertEquals(
                List.of(expected),
                ArmoredKeyFingerprints.primaryFingerprints(
                        SharedFixtures.bytes("fixtures/eff/public-key.txt")));
        assertEquals(
                List.of(expected),
                ArmoredKeyFingerprints.primaryFingerprints(
                        SharedFixtures.bytes("fixtures/eff/public-key.txt.gpg")));
    }

    @Test
    void aDamagedArmourIsRefused() {
        String armored = TestKeys.text(TestKeys.ed25519("fp-a").publicKey());
        int middle = armored.indexOf("\n\n") + 10;
        char changed = armored.charAt(middle) == 'A' ? 'B' : 'A';
        byte[] damaged =
                (armored.substring(0, middle) + changed + armored.substring(middle + 1))
                        .getBytes(StandardCharsets.US_ASCII);
        assertThrows(
                MalformedKeyException.class,
                () -> ArmoredKeyFingerprints.primaryFingerprints(damaged));
    }

    @Test
    void aTruncatedKeyIsRefused() {
        byte[] binary = SharedFixtures.bytes("fixtures/eff/public-key.txt.gpg");
        byte[] truncated = java.util.Arrays.copyOf(binary, 100);
        assertThrows(
                MalformedKeyException.class,
                () -> ArmoredKeyFingerprints.primaryFingerprints(truncated));
    }

    @Test
    void neverRefersToBouncyCastle() throws Exception {
        // validate must read fingerprints without loading BouncyCastle (a speed requirement).
        for (Class<?> type : List.of(ArmoredKeyFingerprints.class, MalformedKeyException.class)) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                String bytecode = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertFalse(
                        bytecode.contains("org/bouncycastle"), type + " refers to BouncyCastle");
            }
        }
    }
}
