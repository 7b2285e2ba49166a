package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.SharedFixtures;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;
import org.starttlslist.verify.SignatureMissingException;

/**
 * {@code verify} on each row of the tamper matrix (../shared/notes/trust-checklist.md) that applies
 * to one file: exit code 1 and one line naming the reason, the key and the instants.
 */
class VerifyCommandTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant SIGNED = NOW.minus(Duration.ofHours(1));

    @TempDir Path dir;

    TestKey alice;
    TestKey bob;
    Path list;
    Path signature;
    Path aliceKey;
    Path bobKey;

    @BeforeEach
    void signedList() throws IOException {
        alice = TestKeys.ed25519("alice");
        bob = TestKeys.ed25519("bob");
        aliceKey = alice.writePublic(dir.resolve("pinned"));
        bobKey = bob.writePublic(dir.resolve("pinned"));
        list =
                Files.write(
                        dir.resolve("policy.json"),
                        TestLists.list(SIGNED, NOW.plus(Duration.ofDays(14)), 5));
        signature =
                Files.write(
                        dir.resolve("policy.json.asc"),
                        alice.sign(Files.readAllBytes(list), SIGNED));
    }

    private CliRun verify(String... extra) {
        String[] base = {
            "verify", list.toString(), "--keys", aliceKey.toString(), "--now", NOW.toString()
        };
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void aListWithoutItsSignatureFileNamesBoth() throws Exception {
        Files.delete(signature);
        var e =
                assertThrows(
                        SignatureMissingException.class,
                        () ->
                                CommandCall.parse(
                                                "verify",
                                                list.toString(),
                                                "--keys",
                                                aliceKey.toString(),
                                                "--now",
                                                NOW.toString())
                                        .call());
        assertEquals(list, e.list());
        assertEquals(signature, e.signature());
    }

    /** Exit 1 and exactly one line on stderr, starting "verify: FILE: ", holding every fragment. */
    private static void assertRejected(CliRun run, String... fragments) {
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().startsWith("verify: "), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "missing '" + fragment + "' in " + run);
        }
        assertFalse(run.err().contains("Exception"), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    private void writeList(Instant timestamp, Instant expires, Instant signedAt)
            throws IOException {
        Files.write(list, TestLists.list(timestamp, expires, 3));
        Files.write(signature, alice.sign(Files.readAllBytes(list), signedAt));
    }

    @Test
    void aGoodListPrintsSignerTimesAndDomainCount() {
        CliRun run = verify();
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("signed by:  " + alice.fingerprint()), run::toString);
        assertTrue(run.out().contains("signed at:  2026-05-31T23:00:00Z"), run::toString);
        assertTrue(run.out().contains("timestamp:  2026-05-31T23:00:00Z"), run::toString);
        assertTrue(
                run.out().contains("expires:    2026-06-15T00:00:00Z (14 days 0 hours left)"),
                run::toString);
        assertTrue(run.out().contains("domains:    5"), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void aFlippedByteInTheListIsABadSignature() throws IOException {
        byte[] bytes = Files.readAllBytes(list);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(list, bytes);
        assertRejected(
                verify(),
                "BAD signature by pinned key " + alice.fingerprint(),
                "does not match these bytes");
    }

    @Test
    void aFlippedByteInTheSignatureArmourIsDamage() throws IOException {
        String armored = Files.readString(signature);
        int at = armored.indexOf("\n\n") + 20;
        Files.writeString(
                signature,
                armored.substring(0, at)
                        + (armored.charAt(at) == 'A' ? 'B' : 'A')
                        + armored.substring(at + 1));
        assertRejected(verify(), "the signature file is damaged or truncated");
    }

    @Test
    void aFlippedByteInTheSignatureValueIsABadSignature() throws IOException {
        byte[] packets = OpenPgpFiles.dearmor(Files.readAllBytes(signature));
        packets[packets.length - 5] ^= 0x01;
        Files.write(signature, OpenPgpFiles.armor(packets));
        assertRejected(verify(), "BAD signature by pinned key " + alice.fingerprint());
    }

    @Test
    void theSignatureOfAnotherFileIsABadSignature() throws IOException {
        Files.write(signature, alice.sign("another file".getBytes(StandardCharsets.UTF_8), SIGNED));
        assertRejected(verify(), "BAD signature by pinned key " + alice.fingerprint());
    }

    @Test
    void aTruncatedSignatureIsRefused() throws IOException {
        byte[] packets = OpenPgpFiles.dearmor(Files.readAllBytes(signature));
        Files.write(signature, OpenPgpFiles.armor(Arrays.copyOf(packets, packets.length / 2)));
        assertRejected(verify(), "the signature file is damaged or truncated");
    }

    @Test
    void anEmptySignatureIsRefused() throws IOException {
        Files.write(signature, new byte[0]);
        assertRejected(verify(), "the signature file is empty");
    }

    @Test
    void anUnsignedListIsRefused() throws IOException {
        Files.delete(signature);
        assertRejected(verify(), "is unsigned", "policy.json.asc does not exist");
    }

    @Test
    void aSignatureByAnUnpinnedKeyIsRefused() throws IOException {
        Files.write(signature, bob.sign(Files.readAllBytes(list), SIGNED));
        assertRejected(
                verify(), "signature by " + bob.fingerprint() + ", which is not a pinned key");
    }

    @Test
    void aKeyInsideTheSignatureFileIsNeverTrusted() throws IOException {
        byte[] bobSignature = bob.sign(Files.readAllBytes(list), SIGNED);
        // Armoured: the armour says it is a key block, not a signature.
        Files.write(signature, TestKeys.concatenate(bob.publicKey(), bobSignature));
        assertRejected(verify(), "armour holds PGP PUBLIC KEY BLOCK, expected PGP SIGNATURE");
        // Binary: the packets say so.
        Files.write(
                signature,
                OpenPgpFiles.dearmor(TestKeys.concatenate(bob.publicKey(), bobSignature)));
        assertRejected(verify(), "holds PGPPublicKeyRing, not only detached signatures");
    }

    /*
     * "Same key id, another fingerprint": making a key whose 64-bit id collides with a pinned key
     * is too slow for a test, so we forge the issuer instead. Bob signs, claiming Alice's key id.
     * (1) Without a fingerprint subpacket the key id only proposes Alice's key as a candidate, and
     * the cryptographic check against Alice's key fails: BAD signature, never accepted.
     * (2) With Bob's own fingerprint subpacket beside Alice's key id, matching is by the
     * fingerprint, which is not pinned.
     */
    @Test
    void aForgedKeyIdWithoutFingerprintIsABadSignature() throws IOException {
        Files.write(
                signature,
                TestKeys.rawSignature(
                        bob,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        false,
                        TestKeys.keyId(alice)));
        assertRejected(verify(), "BAD signature by pinned key " + alice.fingerprint());
    }

    @Test
    void aPinnedKeyIdBesideAnotherFingerprintIsUnpinned() throws IOException {
        Files.write(
                signature,
                TestKeys.rawSignature(
                        bob,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(alice)));
        assertRejected(
                verify(), "signature by " + bob.fingerprint() + ", which is not a pinned key");
    }

    @Test
    void aSignatureWithOnlyTheRightKeyIdIsAccepted() throws IOException {
        // Old signers write only the key id; the signature check then binds it to the full key.
        Files.write(
                signature,
                TestKeys.rawSignature(
                        alice,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        false,
                        TestKeys.keyId(alice)));
        CliRun run = verify();
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void twoSignaturesOneValidPassWithThresholdOneAndFailWithTwo() throws IOException {
        byte[] data = Files.readAllBytes(list);
        Files.write(
                signature, TestKeys.concatenate(alice.sign(data, SIGNED), bob.sign(data, SIGNED)));
        assertEquals(0, verify().exitCode());
        assertEquals(0, verify("--threshold", "1").exitCode());
        assertRejected(
                verify("--threshold", "2"),
                "2 valid signatures from distinct pinned keys are required, found 1 ("
                        + alice.fingerprint()
                        + ")",
                "also signature by " + bob.fingerprint());
    }

    @Test
    void twoPinnedKeysMeetThresholdTwo() throws IOException {
        byte[] data = Files.readAllBytes(list);
        Files.write(
                signature, TestKeys.concatenate(alice.sign(data, SIGNED), bob.sign(data, SIGNED)));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        aliceKey + "," + bobKey,
                        "--now",
                        NOW.toString(),
                        "--threshold",
                        "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains(alice.fingerprint() + ", " + bob.fingerprint()), run::toString);
    }

    @Test
    void theSameKeySigningTwiceCountsOnce() throws IOException {
        byte[] data = Files.readAllBytes(list);
        Files.write(
                signature,
                TestKeys.concatenate(
                        alice.sign(data, SIGNED), alice.sign(data, SIGNED.minusSeconds(60))));
        assertRejected(
                verify("--threshold", "2"), "required, found 1 (" + alice.fingerprint() + ")");
    }

    @Test
    void aSha1SignatureIsAWeakHash() throws IOException {
        Files.write(
                signature,
                TestKeys.rawSignature(
                        alice,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA1,
                        true,
                        TestKeys.keyId(alice)));
        assertRejected(verify(), "signature by " + alice.fingerprint() + " uses SHA-1");
    }

    @Test
    void aSignatureFromTheFutureIsRefused() throws IOException {
        Instant later = NOW.plus(Duration.ofHours(1));
        Files.write(signature, alice.sign(Files.readAllBytes(list), later));
        assertRejected(
                verify(),
                "signature by " + alice.fingerprint() + " was made at " + later,
                "after now (" + NOW + ")");
    }

    @Test
    void aSignatureWithinTheSkewIsAccepted() throws IOException {
        Files.write(signature, alice.sign(Files.readAllBytes(list), NOW.plusSeconds(60)));
        assertEquals(0, verify().exitCode());
        assertRejected(verify("--skew", "10"), "was made at " + NOW.plusSeconds(60));
    }

    @Test
    void aListFromTheFutureIsRefused() throws IOException {
        Instant later = NOW.plus(Duration.ofHours(1));
        writeList(later, later.plus(Duration.ofDays(14)), SIGNED);
        assertRejected(verify(), "the list's timestamp " + later + " is after now (" + NOW + ")");
    }

    @Test
    void anExpiredListIsRefused() throws IOException {
        Instant expired = NOW.minus(Duration.ofDays(1));
        writeList(expired.minus(Duration.ofDays(14)), expired, expired.minus(Duration.ofDays(14)));
        assertRejected(verify(), "the list expired at " + expired + " (now " + NOW + ")");
    }

    @Test
    void aListThatExpiresBeforeItsTimestampIsRefused() throws IOException {
        // Within the skew: expires after now, timestamp later still.
        writeList(NOW.plusSeconds(120), NOW.plusSeconds(60), SIGNED);
        assertRejected(
                verify(),
                "the list expires at "
                        + NOW.plusSeconds(60)
                        + ", not after its own timestamp "
                        + NOW.plusSeconds(120));
    }

    @Test
    void aRevokedKeyIsRefused() throws IOException {
        Instant revokedAt = NOW.minus(Duration.ofDays(30));
        TestKey revoked = TestKeys.revoked("carol", revokedAt);
        TestKey beforeRevocation = TestKeys.ed25519("to-revoke-carol-" + revokedAt);
        Path pinned = revoked.writePublic(dir.resolve("revoked"));
        Files.write(
                signature,
                beforeRevocation.sign(
                        Files.readAllBytes(list), revokedAt.minus(Duration.ofDays(1))));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        NOW.toString());
        assertRejected(run, "key " + revoked.fingerprint() + " was revoked at " + revokedAt);
    }

    @Test
    void aKeyExpiredWhenItSignedIsRefused() throws IOException {
        TestKey shortLived = TestKeys.expiring("dave", Duration.ofDays(30));
        Path pinned = shortLived.writePublic(dir.resolve("expiring"));
        Instant expiredAt = TestKeys.CREATED.plus(Duration.ofDays(30));
        Files.write(
                signature,
                TestKeys.rawSignature(
                        shortLived,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(shortLived)));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        NOW.toString());
        assertRejected(
                run,
                "key " + shortLived.fingerprint() + " expired at " + expiredAt,
                "before the signature was made at " + SIGNED);
    }

    @Test
    void aSignedListThatIsNotJsonIsInvalid() throws IOException {
        Files.writeString(list, "{\"timestamp\": ");
        Files.write(signature, alice.sign(Files.readAllBytes(list), SIGNED));
        assertRejected(verify(), "the list is signed but invalid", "not valid JSON");
    }

    @Test
    void aSignedListWithDuplicateKeysIsInvalid() throws IOException {
        String text =
                new String(
                        TestLists.list(SIGNED, NOW.plus(Duration.ofDays(1)), 2),
                        StandardCharsets.UTF_8);
        Files.writeString(
                list,
                text.replace(
                        "\"version\": \"0.1\",", "\"version\": \"0.1\", \"version\": \"0.1\","));
        Files.write(signature, alice.sign(Files.readAllBytes(list), SIGNED));
        assertRejected(verify(), "the list is signed but invalid", "version");
    }

    @Test
    void aSignedListAgainstTheSchemaIsInvalid() throws IOException {
        String text =
                new String(
                        TestLists.list(SIGNED, NOW.plus(Duration.ofDays(1)), 2),
                        StandardCharsets.UTF_8);
        Files.writeString(list, text.replace("\"enforce\"", "\"enforcing\""));
        Files.write(signature, alice.sign(Files.readAllBytes(list), SIGNED));
        assertRejected(verify(), "the list is signed but invalid at /policy-aliases/hosting/mode");
    }

    @Test
    void anOlderListThanThePreviousIsARollbackAndTheSameBytesAreUnchanged() throws IOException {
        Path previous = Files.copy(list, dir.resolve("previous.json"));
        CliRun same = verify("--previous", previous.toString());
        assertEquals(0, same.exitCode(), same::toString);
        assertTrue(same.out().contains("unchanged from the previous list"), same::toString);

        Instant older = SIGNED.minus(Duration.ofDays(1));
        writeList(older, NOW.plus(Duration.ofDays(13)), older);
        assertRejected(
                verify("--previous", previous.toString()),
                "rollback: the list's timestamp "
                        + older
                        + " is not later than the previously accepted list's "
                        + SIGNED);
    }

    @Test
    void theSameTimestampWithOtherBytesIsARollback() throws IOException {
        Path previous = Files.copy(list, dir.resolve("previous.json"));
        Files.write(list, TestLists.list(SIGNED, NOW.plus(Duration.ofDays(14)), 6));
        Files.write(signature, alice.sign(Files.readAllBytes(list), SIGNED));
        assertRejected(verify("--previous", previous.toString()), "rollback");
    }

    @Test
    void aMissingPinnedKeyFileIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        dir.resolve("absent.asc").toString(),
                        "--now",
                        NOW.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(
                run.err()
                        .contains(
                                "--keys: pinned key file "
                                        + dir.resolve("absent.asc")
                                        + " does not exist"),
                run::toString);
    }

    /**
     * The list is read beside the key loading, on another thread; a missing key file is still the
     * one error reported, before the missing list, as when the two were read in turn.
     */
    @Test
    void aMissingKeyFileIsReportedBeforeAMissingList() {
        CliRun run =
                CliRun.of(
                        "verify",
                        dir.resolve("absent.json").toString(),
                        "--keys",
                        dir.resolve("absent.asc").toString(),
                        "--now",
                        NOW.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("absent.asc does not exist"), run::toString);
        // With the key present, the list's own error, exit 3.
        CliRun listMissing =
                CliRun.of(
                        "verify",
                        dir.resolve("absent.json").toString(),
                        "--keys",
                        aliceKey.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(3, listMissing.exitCode(), listMissing::toString);
        assertTrue(listMissing.err().contains("absent.json does not exist"), listMissing::toString);
    }

    @Test
    void aBadThresholdIsAUsageError() {
        CliRun run = verify("--threshold", "0");
        assertEquals(2, run.exitCode(), run::toString);
    }

    @Test
    void theRealListVerifiesAtItsTimeAndIsExpiredToday() {
        Path real = SharedFixtures.require("fixtures/eff/policy.json");
        Path key = SharedFixtures.require("fixtures/eff/public-key.txt");
        CliRun good =
                CliRun.of(
                        "verify",
                        real.toString(),
                        "--keys",
                        key.toString(),
                        "--now",
                        "2020-05-21T00:00:00Z");
        assertEquals(0, good.exitCode(), good::toString);
        assertTrue(good.out().contains("B693F33372E965D76D55368616EEA65D03326C9D"), good::toString);
        assertTrue(good.out().contains("domains:    926"), good::toString);

        CliRun expired =
                CliRun.of(
                        "verify",
                        real.toString(),
                        "--keys",
                        key.toString(),
                        "--now",
                        "2026-11-28T00:00:00Z");
        assertRejected(
                expired,
                "the list expired at 2020-06-03T17:25:12.710055Z (now 2026-11-28T00:00:00Z)");
    }

    @Test
    void theRealOlderListIsARollback() {
        Path older = SharedFixtures.require("fixtures/eff/older/policy.json");
        CliRun run =
                CliRun.of(
                        "verify",
                        older.toString(),
                        "--keys",
                        SharedFixtures.require("fixtures/eff/public-key.txt").toString(),
                        "--previous",
                        SharedFixtures.require("fixtures/eff/policy.json").toString(),
                        "--now",
                        "2020-05-07T00:00:00Z");
        assertRejected(
                run, "rollback", "2020-05-06T18:18:30.191926Z", "2020-05-20T17:25:12.710034Z");
    }

    @Test
    void aSignatureWhoseOwnExpiryPassedIsRefused() throws IOException {
        Files.write(
                signature,
                TestKeys.rawSignature(
                        alice,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(alice),
                        hashed -> hashed.setSignatureExpirationTime(true, 600)));
        assertRejected(
                verify(),
                "signature by " + alice.fingerprint() + " expired at " + SIGNED.plusSeconds(600));
        assertEquals(
                0,
                CliRun.of(
                                "verify",
                                list.toString(),
                                "--keys",
                                aliceKey.toString(),
                                "--now",
                                SIGNED.plusSeconds(300).toString())
                        .exitCode());
    }

    @Test
    void anUnknownCriticalSubpacketVoidsTheSignature() throws IOException {
        Files.write(
                signature,
                TestKeys.rawSignature(
                        alice,
                        Files.readAllBytes(list),
                        SIGNED,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(alice),
                        hashed -> hashed.addPolicyURI(true, "https://example.org/policy")));
        assertRejected(
                verify(),
                "BAD signature by pinned key " + alice.fingerprint(),
                "critical subpacket of unknown type 26");
    }

    @Test
    void aSecretKeyIsNeverPinned() {
        Path secret = alice.writeSecret(dir.resolve("secret"));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        secret.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("holds a SECRET key; pin only the public key"), run::toString);
    }

    @Test
    void aPinnedFileThatIsNoKeyIsAUsageError() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.asc"), "not a key\n");
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        garbage.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("is not an OpenPGP public key file"), run::toString);
    }

    @Test
    void relativePathsAreResolvedAgainstMinusC() {
        CliRun run =
                CliRun.of(
                        "-C",
                        dir.toString(),
                        "verify",
                        "policy.json",
                        "--keys",
                        dir.relativize(aliceKey).toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void anExplicitSignatureFileIsUsed() throws IOException {
        Path elsewhere = Files.move(signature, dir.resolve("elsewhere.sig"));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        elsewhere.toString(),
                        "--keys",
                        aliceKey.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void anExpiredPreviousListDoesNotBlockANewerValidOne() throws IOException {
        // The consumer's own last list may have expired while it was offline; only its timestamp
        // matters.
        Path previous =
                Files.write(
                        dir.resolve("previous.json"),
                        TestLists.list(
                                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(16)), 2));
        CliRun run = verify("--previous", previous.toString());
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void anUnreadablePreviousListCouldNotComplete() throws IOException {
        Path previous =
                Files.writeString(dir.resolve("previous.json"), "{\"timestamp\": \"yesterday\"}");
        CliRun run = verify("--previous", previous.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("the previous list has no readable timestamp"), run::toString);
    }

    @Test
    void aSignatureDatedBeforeItsKeyExistedIsRefused() throws IOException {
        Instant before = TestKeys.CREATED.minus(Duration.ofDays(1));
        Files.write(
                signature,
                TestKeys.rawSignature(
                        alice,
                        Files.readAllBytes(list),
                        before,
                        HashAlgorithmTags.SHA512,
                        true,
                        TestKeys.keyId(alice)));
        assertRejected(
                verify(),
                "key "
                        + alice.fingerprint()
                        + " was not a valid signing key of its pinned certificate at "
                        + before);
    }
}
