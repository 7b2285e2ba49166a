package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/**
 * For random lists and keys: what we sign verifies, and changing any single byte of the list or of
 * the signature's packets makes verification fail. Seeds are fixed, so a failure repeats.
 */
class SignVerifyPropertyTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void signThenVerifySucceedsAndAnyChangedByteFails(long seed) throws Exception {
        Random random = new Random(seed);
        TestKey key =
                random.nextBoolean()
                        ? TestKeys.ed25519("property-" + random.nextInt(3))
                        : TestKeys.withSigningSubkey("property-subkey-" + random.nextInt(2));
        Instant timestamp = NOW.minus(Duration.ofMinutes(1 + random.nextInt(10_000)));
        byte[] list =
                TestLists.random(
                        timestamp, NOW.plus(Duration.ofDays(1 + random.nextInt(30))), random);
        byte[] signature = key.sign(list, timestamp.plusSeconds(random.nextInt(60)));
        PinnedKeys pinned = PinnedKeys.fromBytes(key.publicKey(), "pinned");
        // Lists here are valid for up to 37 days; the property is about bytes, not the validity
        // cap.
        ListVerifier.Options options =
                ListVerifier.Options.of(pinned, NOW).withMaxValidity(Duration.ofDays(60));

        ListVerifier.Verified verified = ListVerifier.verify(list, signature, options);
        assertEquals(java.util.List.of(key.fingerprint()), verified.signerFingerprints());

        for (int trial = 0; trial < 20; trial++) {
            byte[] changed = list.clone();
            int at = random.nextInt(changed.length);
            changed[at] = (byte) (changed[at] ^ (1 + random.nextInt(255)));
            assertThrows(
                    RejectedException.class,
                    () -> ListVerifier.verify(changed, signature, options),
                    "list byte " + at + " changed, seed " + seed);
        }
        for (int trial = 0; trial < 20; trial++) {
            byte[] changed = signature.clone();
            int at = random.nextInt(changed.length);
            changed[at] = (byte) (changed[at] ^ (1 + random.nextInt(255)));
            if (changed[at] == '\n' || signature[at] == '\n' || signature[at] == '\r') {
                continue; // Armour line breaks and blank space are not part of the signature.
            }
            try {
                ListVerifier.verify(list, changed, options);
                throw new AssertionError(
                        "signature byte "
                                + at
                                + " changed from "
                                + signature[at]
                                + " to "
                                + changed[at]
                                + " and still verified, seed "
                                + seed);
            } catch (RejectedException expected) {
                // As it must.
            }
        }
    }
}
