package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

class SigningKeyTest {
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    private static final byte[] DATA = "{\"hello\": 1}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;

    private static PGPSignature parse(byte[] armored) throws Exception {
        Object object = new BcPGPObjectFactory(OpenPgpFiles.dearmor(armored)).nextObject();
        return ((PGPSignatureList) object).get(0);
    }

    @Test
    void signatureIsArmouredBinaryDocumentSha512WithIssuerFingerprintAndTime() throws Exception {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        SigningKey loaded = SigningKey.load(secret, TestKeys.PASSPHRASE.toCharArray());
        assertEquals(key.fingerprint(), loaded.primaryFingerprint());
        assertTrue(loaded.primaryFingerprint().matches("[0-9A-F]{40}"));

        byte[] armored = loaded.signDetached(DATA, AT.plusNanos(999_000_000));
        String text = new String(armored, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN PGP SIGNATURE-----"), text);
        assertFalse(text.contains("Version:"), text);

        PGPSignature signature = parse(armored);
        assertEquals(PGPSignature.BINARY_DOCUMENT, signature.getSignatureType());
        assertEquals(HashAlgorithmTags.SHA512, signature.getHashAlgorithm());
        assertEquals(4, signature.getVersion());
        assertEquals(AT, signature.getCreationTime().toInstant());
        assertEquals(
                key.fingerprint(),
                OpenPgpFiles.hex(
                        signature.getHashedSubPackets().getIssuerFingerprint().getFingerprint()));
        assertEquals(TestKeys.keyId(key), signature.getKeyID());
    }

    @Test
    void signsWithTheSigningSubkeyWhenThePrimaryOnlyCertifies() throws Exception {
        TestKey key = TestKeys.withSigningSubkey("subkey-signer");
        String signer = key.signer().signingFingerprint(AT);
        assertNotEquals(key.fingerprint(), signer);
        PGPSignature signature = parse(key.sign(DATA, AT));
        assertEquals(
                signer,
                OpenPgpFiles.hex(
                        signature.getHashedSubPackets().getIssuerFingerprint().getFingerprint()));
    }

    @Test
    void wrongPassphraseIsRejectedNamingTheKeyAndFile() {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        WrongPassphraseException e =
                assertThrows(
                        WrongPassphraseException.class,
                        () -> SigningKey.load(secret, "wrong".toCharArray()));
        assertEquals(key.fingerprint(), e.fingerprint());
        assertTrue(e.getMessage().contains(secret.toString()), e.getMessage());
    }

    @Test
    void aPublicKeyFileIsNotASecretKey() {
        Path pub = TestKeys.ed25519("alice").writePublic(dir);
        MalformedKeyException e =
                assertThrows(
                        MalformedKeyException.class,
                        () -> SigningKey.load(pub, TestKeys.PASSPHRASE.toCharArray()));
        assertTrue(e.getMessage().contains("holds a public key, not a secret key"), e.getMessage());
    }

    @Test
    void garbageIsNotAKey() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.asc"), "hello\n");
        assertThrows(MalformedKeyException.class, () -> SigningKey.load(garbage, new char[0]));
    }

    @Test
    void aMissingFileCouldNotBeRead() {
        assertThrows(
                KeyFileUnreadableException.class,
                () -> SigningKey.load(dir.resolve("absent.asc"), new char[0]));
    }

    @Test
    void anExpiredKeyRefusesToSignAfterItsExpiry() {
        TestKey key = TestKeys.expiring("short-lived", Duration.ofDays(30));
        key.sign(DATA, TestKeys.CREATED.plus(Duration.ofDays(29)));
        SigningKeyNotValidException e =
                assertThrows(
                        SigningKeyNotValidException.class,
                        () -> key.sign(DATA, TestKeys.CREATED.plus(Duration.ofDays(31))));
        assertEquals(key.fingerprint(), e.fingerprint());
    }

    @Test
    void aRevokedKeyRefusesToSignAfterItsRevocation() {
        Instant revokedAt = Instant.parse("2024-01-01T00:00:00Z");
        TestKey key = TestKeys.revoked("gone", revokedAt);
        assertThrows(
                SigningKeyNotValidException.class, () -> key.sign(DATA, revokedAt.plusSeconds(60)));
    }

    @Test
    void rsaKeysSignToo() {
        var generated =
                KeyGenerator.generate(
                        KeySpec.ed25519("RSA <rsa@example.org>", TestKeys.CREATED)
                                .withAlgorithm(KeySpec.KeyAlgorithm.RSA_4096),
                        "pw".toCharArray(),
                        0x60);
        SigningKey key =
                SigningKey.fromBytes(generated.armoredSecretKey(), "pw".toCharArray(), "rsa");
        assertEquals(generated.fingerprint(), key.primaryFingerprint());
        byte[] signature = key.signDetached(DATA, AT);
        assertArrayEquals(signature, signature);
        assertTrue(
                new String(signature, StandardCharsets.US_ASCII).contains("BEGIN PGP SIGNATURE"));
    }

    @Test
    void aKeyWhoseOnlySecretCannotSignIsRefused() throws Exception {
        // The primary only certifies; without its signing subkey's secret there is nothing to sign
        // with.
        TestKey key = TestKeys.withSigningSubkey("no-signer");
        org.bouncycastle.openpgp.PGPSecretKeyRing ring =
                (org.bouncycastle.openpgp.PGPSecretKeyRing)
                        new BcPGPObjectFactory(OpenPgpFiles.dearmor(key.secretKey())).nextObject();
        java.util.Iterator<org.bouncycastle.openpgp.PGPSecretKey> keys = ring.getSecretKeys();
        keys.next();
        org.bouncycastle.openpgp.PGPSecretKeyRing primaryOnly =
                org.bouncycastle.openpgp.PGPSecretKeyRing.removeSecretKey(ring, keys.next());
        NoSigningKeyException e =
                assertThrows(
                        NoSigningKeyException.class,
                        () ->
                                SigningKey.fromBytes(
                                        OpenPgpFiles.armor(primaryOnly.getEncoded()),
                                        TestKeys.PASSPHRASE.toCharArray(),
                                        "certify-only.asc"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "certify-only.asc holds no secret key flagged for signing (key "
                                        + key.fingerprint()
                                        + ")"),
                e.getMessage());
    }
}
