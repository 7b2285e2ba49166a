package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/**
 * Signing with the data hashed on the second core ({@link DataDigest}) makes the very signature
 * BouncyCastle's own content signer makes (Ed25519 is deterministic), for a primary key and for a
 * signing subkey; a digest of another array is never used.
 */
class PrehashedSigningTest {
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void prehashedSignaturesAreByteIdentical() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(512).nextBytes(data);
        for (TestKey key :
                List.of(
                        TestKeys.ed25519("prehash-primary"),
                        TestKeys.withSigningSubkey("prehash-sub"))) {
            SigningKey signing =
                    SigningKey.fromBytes(
                            key.secretKey(), TestKeys.PASSPHRASE.toCharArray(), "test");
            assertTrue(((UnlockedKey) signing).prehashes(AT), "the prehashed path is not taken");
            byte[] plain = signing.signDetached(data, AT);
            byte[] prehashed = signing.signDetached(data, AT, DataDigest.start(data));
            assertArrayEquals(plain, prehashed, key.fingerprint());
            byte[] empty = new byte[0];
            assertArrayEquals(
                    signing.signDetached(empty, AT),
                    signing.signDetached(empty, AT, DataDigest.start(empty)));
        }
    }

    @Test
    void aDigestOfOtherBytesIsNotUsed() {
        byte[] data = "the list".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] equalCopy = data.clone();
        byte[] other = "another list".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        SigningKey signing =
                SigningKey.fromBytes(
                        TestKeys.ed25519("prehash-other").secretKey(),
                        TestKeys.PASSPHRASE.toCharArray(),
                        "test");
        byte[] plain = signing.signDetached(data, AT);
        assertArrayEquals(plain, signing.signDetached(data, AT, DataDigest.start(other)));
        assertArrayEquals(plain, signing.signDetached(data, AT, DataDigest.start(equalCopy)));
        assertFalse(Arrays.equals(plain, signing.signDetached(other, AT)));
    }
}
