package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/**
 * Every step of the trust checklist ({@code ../shared/notes/trust-checklist.md}) that {@link
 * ListVerifier} implements, each with the input that fails it, asserting the exception's type and
 * the facts it carries: which key, which instants, which threshold, which counts. Signatures are
 * made in-process, so no GnuPG is needed. The numbers in the comments are the checklist's.
 */
class ListVerifierFailureTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant TIMESTAMP = NOW.minus(Duration.ofHours(1));
    static final Instant EXPIRES = TIMESTAMP.plus(Duration.ofDays(14));
    static final Instant SIGNED = NOW.minus(Duration.ofMinutes(30));

    static final TestKey ALICE = TestKeys.ed25519("failure-alice");
    static final TestKey BOB = TestKeys.ed25519("failure-bob");
    static final TestKey MALLORY = TestKeys.ed25519("failure-mallory");

    static final byte[] LIST = TestLists.list(TIMESTAMP, EXPIRES, 4);

    /** The pinned keys, as one binary key file (several maintainers in one file). */
    static PinnedKeys pinned(TestKey... keys) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try {
            for (TestKey key : keys) {
                file.write(OpenPgpFiles.dearmor(key.publicKey()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return PinnedKeys.fromBytes(file.toByteArray(), "pinned");
    }

    static ListVerifier.Options options(TestKey... keys) {
        return ListVerifier.Options.of(pinned(keys), NOW);
    }

    static <T extends Throwable> T refused(Class<T> type, Executable verify) {
        return assertThrows(type, verify);
    }

    static byte[] raw(TestKey key, byte[] data, Instant at, int hash) {
        return TestKeys.rawSignature(key, data, at, hash, true, TestKeys.keyId(key));
    }

    // 4. The signature file is a detached OpenPGP signature, checked before the JSON is parsed.

    @Test
    void anEmptySignatureFile() {
        var e =
                refused(
                        MalformedSignatureException.class,
                        () -> ListVerifier.verify(LIST, new byte[0], options(ALICE)));
        assertEquals("is empty", e.detail());
    }

    @Test
    void aSignatureFileHoldingAKeyInstead() throws IOException {
        byte[] key = OpenPgpFiles.dearmor(ALICE.publicKey());
        var e =
                refused(
                        MalformedSignatureException.class,
                        () -> ListVerifier.verify(LIST, key, options(ALICE)));
        assertTrue(e.detail().startsWith("holds "), e.detail());
    }

    @Test
    void aTruncatedSignatureFile() throws IOException {
        byte[] binary = OpenPgpFiles.dearmor(ALICE.sign(LIST, SIGNED));
        byte[] truncated = Arrays.copyOf(binary, binary.length / 2);
        refused(
                MalformedSignatureException.class,
                () -> ListVerifier.verify(LIST, truncated, options(ALICE)));
    }

    @Test
    void unsignedBytesNeverReachTheParser() {
        // Not JSON at all, and signed by nobody pinned: the signature step refuses it first.
        byte[] garbage = "not a list".getBytes(StandardCharsets.UTF_8);
        var e =
                refused(
                        UnpinnedKeyException.class,
                        () ->
                                ListVerifier.verify(
                                        garbage, MALLORY.sign(garbage, SIGNED), options(ALICE)));
        assertEquals(MALLORY.fingerprint(), e.issuer());
    }

    // 2. Hard caps: a signature file with more signatures than allowed.

    @Test
    void moreSignaturesThanTheCap() {
        byte[] one = ALICE.sign(LIST, SIGNED);
        var e =
                refused(
                        TooManySignaturesException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        TestKeys.concatenate(one, one, one),
                                        options(ALICE).withMaxSignatures(2)));
        assertEquals(2, e.cap());
    }

    // 4. Pinned fingerprints only; the issuer fingerprint must match, not just the key id.

    @Test
    void aKeyThatIsNotPinned() {
        var e =
                refused(
                        UnpinnedKeyException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST, MALLORY.sign(LIST, SIGNED), options(ALICE)));
        assertEquals(MALLORY.fingerprint(), e.issuer());
    }

    @Test
    void aSignatureNamingOnlyAnUnpinnedKeyId() {
        byte[] signature =
                TestKeys.rawSignature(
                        MALLORY,
                        LIST,
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        false,
                        TestKeys.keyId(MALLORY));
        var e =
                refused(
                        UnpinnedKeyException.class,
                        () -> ListVerifier.verify(LIST, signature, options(ALICE)));
        assertEquals(String.format("key id %016X", TestKeys.keyId(MALLORY)), e.issuer());
    }

    @Test
    void aPinnedKeyIdClaimedByAnotherKey() {
        // Mallory's signature claims Alice's key id and carries no fingerprint: the key id only
        // proposes Alice's key, and the cryptographic check refuses it.
        byte[] signature =
                TestKeys.rawSignature(
                        MALLORY,
                        LIST,
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        false,
                        TestKeys.keyId(ALICE));
        var e =
                refused(
                        BadSignatureException.class,
                        () -> ListVerifier.verify(LIST, signature, options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
    }

    @Test
    void bytesChangedAfterSigning() {
        byte[] signature = ALICE.sign(LIST, SIGNED);
        byte[] changed = Arrays.copyOf(LIST, LIST.length);
        changed[changed.length - 3] = ' ';
        var e =
                refused(
                        BadSignatureException.class,
                        () -> ListVerifier.verify(changed, signature, options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
    }

    @Test
    void theSignatureOfThePreviousReleaseBesideANewList() {
        byte[] older = TestLists.list(TIMESTAMP.minus(Duration.ofDays(1)), EXPIRES, 4);
        byte[] olderSignature = ALICE.sign(older, SIGNED.minus(Duration.ofDays(1)));
        var e =
                refused(
                        BadSignatureException.class,
                        () -> ListVerifier.verify(LIST, olderSignature, options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
    }

    // 5. Threshold: k distinct pinned keys, each counted once.

    @Test
    void fewerSignersThanTheThreshold() {
        var e =
                refused(
                        ThresholdNotMetException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        ALICE.sign(LIST, SIGNED),
                                        options(ALICE, BOB).withThreshold(2)));
        assertEquals(1, e.found());
        assertEquals(2, e.required());
        assertEquals(List.of(ALICE.fingerprint()), e.signers());
    }

    @Test
    void twoSignaturesByOneKeyCountOnce() {
        byte[] twice =
                TestKeys.concatenate(
                        ALICE.sign(LIST, SIGNED), ALICE.sign(LIST, SIGNED.plusSeconds(1)));
        var e =
                refused(
                        ThresholdNotMetException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST, twice, options(ALICE, BOB).withThreshold(2)));
        assertEquals(1, e.found());
        assertEquals(List.of(ALICE.fingerprint()), e.signers());
    }

    @Test
    void anUnpinnedSecondSignerDoesNotCount() {
        byte[] both = TestKeys.concatenate(ALICE.sign(LIST, SIGNED), MALLORY.sign(LIST, SIGNED));
        var e =
                refused(
                        ThresholdNotMetException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST, both, options(ALICE, BOB).withThreshold(2)));
        assertEquals(1, e.found());
        assertEquals(2, e.required());
    }

    @Test
    void twoDistinctPinnedSignersMeetAThresholdOfTwo() {
        byte[] both = TestKeys.concatenate(ALICE.sign(LIST, SIGNED), BOB.sign(LIST, SIGNED));
        var verified = ListVerifier.verify(LIST, both, options(ALICE, BOB).withThreshold(2));
        assertEquals(
                List.of(ALICE.fingerprint(), BOB.fingerprint()), verified.signerFingerprints());
    }

    // 6. Signature policy: hash, key state, signing capability, critical subpackets.

    @Test
    void aSha1Signature() {
        var e =
                refused(
                        WeakHashException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        raw(ALICE, LIST, SIGNED, HashAlgorithmTags.SHA1),
                                        options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
        assertEquals("SHA-1", e.hash());
    }

    @Test
    void aRipemd160Signature() {
        var e =
                refused(
                        WeakHashException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        raw(ALICE, LIST, SIGNED, HashAlgorithmTags.RIPEMD160),
                                        options(ALICE)));
        assertEquals("RIPEMD-160", e.hash());
    }

    @Test
    void aRevokedKey() {
        Instant revokedAt = Instant.parse("2026-01-01T00:00:00Z");
        TestKey retired = TestKeys.revoked("failure-retired", revokedAt);
        var e =
                refused(
                        KeyRevokedException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        raw(retired, LIST, SIGNED, HashAlgorithmTags.SHA512),
                                        options(retired)));
        assertEquals(retired.fingerprint(), e.fingerprint());
        assertEquals(revokedAt, e.revokedAt());
    }

    @Test
    void aKeyExpiredWhenItSigned() {
        Duration validity = Duration.ofDays(2000);
        TestKey expired = TestKeys.expiring("failure-expired", validity);
        byte[] signature =
                raw(expired, LIST, SIGNED, HashAlgorithmTags.SHA512); // SigningKey would refuse
        var e =
                refused(
                        KeyExpiredException.class,
                        () -> ListVerifier.verify(LIST, signature, options(expired)));
        assertEquals(expired.fingerprint(), e.fingerprint());
        assertEquals(TestKeys.CREATED.plus(validity), e.expiredAt());
        assertEquals(SIGNED, e.signatureCreated());
        assertEquals("the signature was made", e.event());
    }

    @Test
    void aKeyExpiredAtTheListsTimestamp() {
        Duration validity = Duration.ofDays(2000);
        TestKey key = TestKeys.expiring("failure-edge", validity);
        Instant keyExpiry = TestKeys.CREATED.plus(validity);
        Instant timestamp = keyExpiry.plus(Duration.ofMinutes(2));
        byte[] list = TestLists.list(timestamp, timestamp.plus(Duration.ofDays(14)), 4);
        byte[] signature = key.sign(list, keyExpiry.minus(Duration.ofMinutes(1)));
        var e =
                refused(
                        KeyExpiredException.class,
                        () ->
                                ListVerifier.verify(
                                        list,
                                        signature,
                                        ListVerifier.Options.of(
                                                pinned(key), keyExpiry.plus(Duration.ofHours(1)))));
        assertEquals(keyExpiry, e.expiredAt());
        assertEquals(timestamp, e.signatureCreated());
        assertEquals("the list's timestamp", e.event());
    }

    @Test
    void aPrimaryKeyThatOnlyCertifies() {
        TestKey key = TestKeys.withSigningSubkey("failure-certify-only");
        var e =
                refused(
                        KeyNotForSigningException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        raw(key, LIST, SIGNED, HashAlgorithmTags.SHA512),
                                        options(key)));
        assertEquals(key.fingerprint(), e.fingerprint());
        assertEquals(SIGNED, e.signatureCreated());
    }

    @Test
    void aSignaturePastItsOwnExpiry() {
        byte[] signature =
                TestKeys.rawSignature(
                        ALICE,
                        LIST,
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(ALICE),
                        hashed -> hashed.setSignatureExpirationTime(true, 600));
        var e =
                refused(
                        SignatureExpiredException.class,
                        () -> ListVerifier.verify(LIST, signature, options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
        assertEquals(SIGNED.plusSeconds(600), e.expired());
        assertEquals(NOW, e.now());
    }

    @Test
    void anUnknownCriticalSubpacket() {
        byte[] signature =
                TestKeys.rawSignature(
                        ALICE,
                        LIST,
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(ALICE),
                        hashed -> hashed.addPolicyURI(true, "https://example.org/policy"));
        var e =
                refused(
                        BadSignatureException.class,
                        () -> ListVerifier.verify(LIST, signature, options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
        assertEquals("it has a critical subpacket of unknown type 26", e.detail());
    }

    // 7. Not-before: neither the signature nor the list from the future.

    @Test
    void aSignatureFromTheFuture() {
        Instant later = NOW.plus(Duration.ofMinutes(10));
        var e =
                refused(
                        SignatureFromFutureException.class,
                        () -> ListVerifier.verify(LIST, ALICE.sign(LIST, later), options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
        assertEquals(later, e.created());
        assertEquals(NOW, e.now());
    }

    @Test
    void aListTimestampFromTheFuture() {
        Instant future = NOW.plus(Duration.ofHours(1));
        byte[] list = TestLists.list(future, future.plus(Duration.ofDays(14)), 4);
        var e =
                refused(
                        ListFromFutureException.class,
                        () -> ListVerifier.verify(list, ALICE.sign(list, NOW), options(ALICE)));
        assertEquals(future, e.timestamp());
        assertEquals(NOW, e.now());
    }

    // 8. Freeze: expired lists, impossible lifetimes, too long a validity.

    @Test
    void anExpiredList() {
        Instant timestamp = NOW.minus(Duration.ofDays(15));
        Instant expires = NOW.minus(Duration.ofDays(1));
        byte[] list = TestLists.list(timestamp, expires, 4);
        byte[] signature = ALICE.sign(list, timestamp.plusSeconds(60));
        var e =
                refused(
                        ListExpiredException.class,
                        () -> ListVerifier.verify(list, signature, options(ALICE)));
        assertEquals(expires, e.expires());
        assertEquals(NOW, e.now());
    }

    @Test
    void aListThatExpiresBeforeItsTimestamp() {
        Instant timestamp = NOW.plus(Duration.ofMinutes(4));
        Instant expires = NOW.plus(Duration.ofMinutes(2));
        byte[] list = TestLists.list(timestamp, expires, 4);
        var e =
                refused(
                        ListExpiresBeforeTimestampException.class,
                        () -> ListVerifier.verify(list, ALICE.sign(list, NOW), options(ALICE)));
        assertEquals(timestamp, e.timestamp());
        assertEquals(expires, e.expires());
    }

    @Test
    void aListValidLongerThanTheMaximum() {
        Instant expires = TIMESTAMP.plus(Duration.ofDays(40));
        byte[] list = TestLists.list(TIMESTAMP, expires, 4);
        var e =
                refused(
                        ListValidityTooLongException.class,
                        () -> ListVerifier.verify(list, ALICE.sign(list, SIGNED), options(ALICE)));
        assertEquals(TIMESTAMP, e.timestamp());
        assertEquals(expires, e.expires());
        assertEquals(ListVerifier.DEFAULT_MAX_VALIDITY, e.maximum());
    }

    @Test
    void aSignatureMadeBeforeTheListsLifetime() {
        Instant early = TIMESTAMP.minus(Duration.ofHours(1));
        var e =
                refused(
                        SignatureOutsideListLifetimeException.class,
                        () -> ListVerifier.verify(LIST, ALICE.sign(LIST, early), options(ALICE)));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
        assertEquals(early, e.signatureCreated());
        assertEquals(TIMESTAMP, e.timestamp());
        assertEquals(EXPIRES, e.expires());
    }

    // 9. Rollback behind the list accepted last.

    @Test
    void anOlderListThanThePrevious() {
        Instant newer = TIMESTAMP.plus(Duration.ofMinutes(1));
        byte[] previous = TestLists.list(newer, EXPIRES, 4);
        var e =
                refused(
                        RollbackException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        ALICE.sign(LIST, SIGNED),
                                        options(ALICE).withPrevious(previous)));
        assertEquals(newer, e.previousTimestamp());
        assertEquals(TIMESTAMP, e.newTimestamp());
    }

    @Test
    void theSameTimestampWithOtherBytes() {
        byte[] previous = TestLists.list(TIMESTAMP, EXPIRES, 5);
        var e =
                refused(
                        RollbackException.class,
                        () ->
                                ListVerifier.verify(
                                        LIST,
                                        ALICE.sign(LIST, SIGNED),
                                        options(ALICE).withPrevious(previous)));
        assertEquals(TIMESTAMP, e.previousTimestamp());
        assertEquals(TIMESTAMP, e.newTimestamp());
    }

    @Test
    void theSameBytesAgainAreUnchanged() {
        var verified =
                ListVerifier.verify(
                        LIST, ALICE.sign(LIST, SIGNED), options(ALICE).withPrevious(LIST.clone()));
        assertTrue(verified.unchangedFromPrevious());
    }

    // 10. Format and semantic validation after the signature.

    @Test
    void aSignedListThatIsNotJson() {
        byte[] text = "{\"timestamp\": ".getBytes(StandardCharsets.UTF_8);
        var e =
                refused(
                        ListInvalidException.class,
                        () -> ListVerifier.verify(text, ALICE.sign(text, SIGNED), options(ALICE)));
        assertEquals("", e.pointer());
    }

    @Test
    void aSignedListReferringToAnUndefinedAlias() {
        byte[] list =
                new String(LIST, StandardCharsets.UTF_8)
                        .replaceFirst(
                                "\"policy-alias\": \"hosting\"", "\"policy-alias\": \"nobody\"")
                        .getBytes(StandardCharsets.UTF_8);
        var e =
                refused(
                        ListInvalidException.class,
                        () -> ListVerifier.verify(list, ALICE.sign(list, SIGNED), options(ALICE)));
        assertTrue(e.pointer().matches("/policies/[^/]+/policy-alias"), e.pointer());
    }

    @Test
    void aSignedListAgainstTheSchema() {
        byte[] list =
                new String(LIST, StandardCharsets.UTF_8)
                        .replaceFirst("\"version\": \"0.1\"", "\"version\": 1")
                        .getBytes(StandardCharsets.UTF_8);
        var e =
                refused(
                        ListInvalidException.class,
                        () -> ListVerifier.verify(list, ALICE.sign(list, SIGNED), options(ALICE)));
        assertEquals("/version", e.pointer());
    }
}
