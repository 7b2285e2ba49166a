package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.files.InputTooLargeException;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/**
 * Issue #9's verifier findings, each at the lowest level that shows it: a list verifies only if a
 * pinned key that was valid at the list's own timestamp signed it during the list's lifetime, the
 * list's validity is bounded, every input is capped, and the signed bytes are a usable list.
 */
class ListLifetimeTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final TestKey ALICE = TestKeys.ed25519("lifetime-alice");

    static ListVerifier.Options options(TestKey key, Instant now) {
        return ListVerifier.Options.of(PinnedKeys.fromBytes(key.publicKey(), "pinned"), now);
    }

    static byte[] list(Instant timestamp) {
        return TestLists.list(timestamp, timestamp.plus(Duration.ofDays(14)), 4);
    }

    @Test
    void aKeyThatExpiredCannotSignTodaysListWithABackdatedTime() {
        // Expires 2000 days after 2020-01-01, in June 2025; the list is of today, the signature
        // claims 2025-01-01.
        TestKey expired = TestKeys.expiring("lifetime-expired", Duration.ofDays(2000));
        byte[] list = list(NOW.minus(Duration.ofHours(1)));
        byte[] signature = expired.sign(list, Instant.parse("2025-01-01T00:00:00Z"));
        SignatureOutsideListLifetimeException e =
                assertThrows(
                        SignatureOutsideListLifetimeException.class,
                        () -> ListVerifier.verify(list, signature, options(expired, NOW)));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), e.signatureCreated());
        assertEquals(NOW.minus(Duration.ofHours(1)), e.timestamp());
        assertTrue(e.getMessage().contains("before the list's timestamp"), e.getMessage());
    }

    @Test
    void aKeyMustBeValidAtTheListsTimestampToo() {
        Duration validity = Duration.ofDays(2000);
        TestKey key = TestKeys.expiring("lifetime-edge", validity);
        Instant keyExpiry = TestKeys.CREATED.plus(validity);
        // Signed a minute before the key expired, the list's timestamp two minutes after: inside
        // the skew.
        byte[] list = list(keyExpiry.plus(Duration.ofMinutes(2)));
        byte[] signature = key.sign(list, keyExpiry.minus(Duration.ofMinutes(1)));
        KeyExpiredException e =
                assertThrows(
                        KeyExpiredException.class,
                        () ->
                                ListVerifier.verify(
                                        list,
                                        signature,
                                        options(key, keyExpiry.plus(Duration.ofHours(1)))));
        assertTrue(e.getMessage().contains("before the list's timestamp"), e.getMessage());
    }

    @Test
    void aSignatureMadeAfterTheListExpiredIsRefusedWhateverTheSkew() {
        Instant timestamp = NOW.minus(Duration.ofDays(14));
        byte[] list = list(timestamp);
        Instant expires = timestamp.plus(Duration.ofDays(14));
        byte[] signature = ALICE.sign(list, expires.plus(Duration.ofHours(1)));
        ListVerifier.Options lenient =
                options(ALICE, expires.minus(Duration.ofHours(1))).withSkew(Duration.ofDays(1));
        SignatureOutsideListLifetimeException e =
                assertThrows(
                        SignatureOutsideListLifetimeException.class,
                        () -> ListVerifier.verify(list, signature, lenient));
        assertTrue(e.getMessage().contains("not before the list's expiry"), e.getMessage());
    }

    @Test
    void aSignatureWithinTheSkewBeforeTheTimestampIsAccepted() {
        byte[] list = list(NOW.minus(Duration.ofHours(1)));
        byte[] signature =
                ALICE.sign(list, NOW.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(4)));
        ListVerifier.Verified verified = ListVerifier.verify(list, signature, options(ALICE, NOW));
        assertEquals(List.of(ALICE.fingerprint()), verified.signerFingerprints());
        assertArrayEquals(list, verified.bytes());
    }

    @Test
    void aListValidLongerThanTheMaximumIsRefusedUnlessAllowed() {
        Instant timestamp = NOW.minus(Duration.ofHours(1));
        byte[] list = TestLists.list(timestamp, Instant.parse("9999-12-31T00:00:00Z"), 2);
        byte[] signature = ALICE.sign(list, timestamp);
        ListValidityTooLongException e =
                assertThrows(
                        ListValidityTooLongException.class,
                        () -> ListVerifier.verify(list, signature, options(ALICE, NOW)));
        assertEquals(ListVerifier.DEFAULT_MAX_VALIDITY, e.maximum());

        byte[] forty = TestLists.list(timestamp, timestamp.plus(Duration.ofDays(40)), 2);
        byte[] fortySigned = ALICE.sign(forty, timestamp);
        assertThrows(
                ListValidityTooLongException.class,
                () -> ListVerifier.verify(forty, fortySigned, options(ALICE, NOW)));
        ListVerifier.verify(
                forty, fortySigned, options(ALICE, NOW).withMaxValidity(Duration.ofDays(40)));
    }

    @Test
    void moreSignaturesThanTheCapAreRefusedBeforeAnyIsChecked() {
        byte[] list = list(NOW.minus(Duration.ofHours(1)));
        byte[] one = ALICE.sign(list, NOW.minus(Duration.ofMinutes(30)));
        byte[] three = TestKeys.concatenate(one, one, one);
        TooManySignaturesException e =
                assertThrows(
                        TooManySignaturesException.class,
                        () ->
                                ListVerifier.verify(
                                        list, three, options(ALICE, NOW).withMaxSignatures(2)));
        assertEquals(2, e.cap());
        assertTrue(e.getMessage().contains("--max-signatures"), e.getMessage());
        ListVerifier.verify(list, three, options(ALICE, NOW).withMaxSignatures(3));
    }

    @Test
    void aSignedListInUtf16OrUtf32WithoutBomIsNotUtf8() {
        String text = new String(list(NOW.minus(Duration.ofHours(1))), StandardCharsets.UTF_8);
        for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
            byte[] encoded = text.getBytes(java.nio.charset.Charset.forName(charset));
            byte[] signature = ALICE.sign(encoded, NOW.minus(Duration.ofMinutes(30)));
            ListInvalidException e =
                    assertThrows(
                            ListInvalidException.class,
                            () -> ListVerifier.verify(encoded, signature, options(ALICE, NOW)),
                            charset);
            assertTrue(
                    e.getMessage().contains("is not UTF-8: it holds a NUL byte"),
                    charset + ": " + e.getMessage());
        }
    }

    @Test
    void aSignedListReferringToAMissingAliasDoesNotVerify() {
        String text =
                new String(list(NOW.minus(Duration.ofHours(1))), StandardCharsets.UTF_8)
                        .replaceFirst(
                                "\"policy-alias\": \"hosting\"", "\"policy-alias\": \"nobody\"");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] signature = ALICE.sign(bytes, NOW.minus(Duration.ofMinutes(30)));
        ListInvalidException e =
                assertThrows(
                        ListInvalidException.class,
                        () -> ListVerifier.verify(bytes, signature, options(ALICE, NOW)));
        assertTrue(e.pointer().endsWith("/policy-alias"), e.pointer());
        assertTrue(e.getMessage().contains("refers to the alias 'nobody'"), e.getMessage());
    }

    /**
     * verify's count-only checklist ({@link ListVerifier#verifySummary}) runs every step of {@link
     * ListVerifier#verify}: the same refusals in the same words, and on a good list the model's
     * counts.
     */
    @Test
    void theCountOnlyChecklistRefusesAndCountsAsTheFullOne() {
        byte[] good = list(NOW.minus(Duration.ofHours(1)));
        byte[] signature = ALICE.sign(good, NOW.minus(Duration.ofMinutes(30)));
        ListVerifier.Verified full = ListVerifier.verify(good, signature, options(ALICE, NOW));
        ListVerifier.VerifiedSummary counted =
                ListVerifier.verifySummary(good, signature, options(ALICE, NOW));
        assertEquals(ListSummary.of(full.list()), counted.summary());
        assertEquals(full.signerFingerprints(), counted.signerFingerprints());
        assertEquals(full.signatureTime(), counted.signatureTime());

        String text = new String(good, StandardCharsets.UTF_8);
        List<byte[]> bad =
                List.of(
                        text.replaceFirst(
                                        "\"policy-alias\": \"hosting\"",
                                        "\"policy-alias\": \"nobody\"")
                                .getBytes(StandardCharsets.UTF_8),
                        text.replaceFirst("\"mode\": \"[a-z]+\"", "\"mode\": \"strict\"")
                                .getBytes(StandardCharsets.UTF_8),
                        list(NOW.minus(Duration.ofDays(20))), // expired
                        (text + "x").getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : bad) {
            byte[] signed = ALICE.sign(bytes, NOW.minus(Duration.ofMinutes(30)));
            RuntimeException whole =
                    assertThrows(
                            RuntimeException.class,
                            () -> ListVerifier.verify(bytes, signed, options(ALICE, NOW)));
            RuntimeException summary =
                    assertThrows(
                            RuntimeException.class,
                            () -> ListVerifier.verifySummary(bytes, signed, options(ALICE, NOW)));
            assertEquals(whole.getClass(), summary.getClass());
            assertEquals(whole.getMessage(), summary.getMessage());
        }
        // A signature of other bytes: refused before the list is read, in both.
        byte[] other = ALICE.sign(bad.get(0), NOW.minus(Duration.ofMinutes(30)));
        assertThrows(
                BadSignatureException.class,
                () -> ListVerifier.verifySummary(good, other, options(ALICE, NOW)));
    }

    @Test
    void anEpochTimestampBeyondJavasRangeIsAnInvalidListNotAnInternalError() {
        String text =
                new String(list(NOW.minus(Duration.ofHours(1))), StandardCharsets.UTF_8)
                        .replaceFirst(
                                "\"timestamp\": \"[^\"]+\"", "\"timestamp\": 9223372036854775807");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] signature = ALICE.sign(bytes, NOW.minus(Duration.ofMinutes(30)));
        ListInvalidException e =
                assertThrows(
                        ListInvalidException.class,
                        () -> ListVerifier.verify(bytes, signature, options(ALICE, NOW)));
        assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    }

    @Test
    void aKeyFileLargerThanTheCapIsRefusedBeforeItIsReadWhole(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.asc");
        Files.write(big, new byte[4096]);
        InputTooLargeException e =
                assertThrows(
                        InputTooLargeException.class, () -> PinnedKeys.load(List.of(big), 1024));
        assertEquals("--max-key-bytes", e.option());
        // An endless key file costs the cap, not the machine's memory.
        assertThrows(
                InputTooLargeException.class,
                () -> PinnedKeys.load(List.of(Path.of("/dev/zero")), 1024));
    }

    @Test
    void aHugeSkewIsRefusedAsAnOption() {
        assertThrows(
                IllegalArgumentException.class,
                () -> options(ALICE, NOW).withSkew(Duration.ofDays(100_000_000)));
    }
}
