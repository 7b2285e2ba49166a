package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.GnuPg;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/** Our keys and signatures, read by the installed GnuPG (skipped when it is absent). */
class GnuPgSigningInteropTest {
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir Path dir;

    private void assertGnuPgAccepts(TestKey key) throws Exception {
        try (GnuPg gpg = GnuPg.create(dir)) {
            Path data =
                    Files.write(
                            dir.resolve("policy.json"),
                            "{\"a\": [1, 2]}\n".getBytes(StandardCharsets.UTF_8));
            Path signature =
                    Files.write(
                            dir.resolve("policy.json.asc"), key.sign(Files.readAllBytes(data), AT));
            Path publicKey = key.writePublic(dir);

            // gpgv with a dearmored keyring, the README's commands.
            Path keyring = dir.resolve("key.gpg");
            GnuPg.Result dearmor =
                    gpg.gpg("--output", keyring.toString(), "--dearmor", publicKey.toString());
            assertEquals(0, dearmor.exitCode(), dearmor.toString());
            GnuPg.Result gpgv = gpg.gpgv(keyring, signature, data);
            assertEquals(0, gpgv.exitCode(), gpgv.toString());
            assertEquals(key.signer().signingFingerprint(AT), gpgv.statusFields("VALIDSIG").get(0));
            assertEquals(key.fingerprint(), gpgv.statusFields("VALIDSIG").get(9));
            assertEquals(String.valueOf(AT.getEpochSecond()), gpgv.statusFields("VALIDSIG").get(2));

            // gpg --verify after importing the public key.
            GnuPg.Result imported = gpg.importKey(publicKey);
            assertTrue(imported.hasStatus("IMPORT_OK"), imported.toString());
            GnuPg.Result verify = gpg.gpg("--verify", signature.toString(), data.toString());
            assertEquals(0, verify.exitCode(), verify.toString());
            assertTrue(verify.hasStatus("GOODSIG"), verify.toString());
            // SHA-512 is digest algorithm 10; the signature class 00 is a binary document.
            assertEquals("10", verify.statusFields("VALIDSIG").get(7));
            assertEquals("00", verify.statusFields("VALIDSIG").get(8));

            // One changed byte: gpgv refuses.
            Files.write(data, "{\"a\": [1, 3]}\n".getBytes(StandardCharsets.UTF_8));
            GnuPg.Result bad = gpg.gpgv(keyring, signature, data);
            assertEquals(1, bad.exitCode(), bad.toString());
            assertTrue(bad.hasStatus("BADSIG"), bad.toString());
        }
    }

    @Test
    void ed25519PrimaryKeySignatureVerifiesWithGpgAndGpgv() throws Exception {
        assertGnuPgAccepts(TestKeys.ed25519("interop"));
    }

    @Test
    void signingSubkeySignatureVerifiesWithGpgAndGpgv() throws Exception {
        assertGnuPgAccepts(TestKeys.withSigningSubkey("interop-subkey"));
    }

    @Test
    void rsaKeySignatureVerifiesWithGpgAndGpgv() throws Exception {
        GeneratedKey generated =
                KeyGenerator.generate(
                        KeySpec.ed25519("RSA <rsa@example.org>", TestKeys.CREATED)
                                .withAlgorithm(KeySpec.KeyAlgorithm.RSA_4096),
                        "pw".toCharArray(),
                        0x60);
        SigningKey signer =
                SigningKey.fromBytes(generated.armoredSecretKey(), "pw".toCharArray(), "rsa");
        assertGnuPgAccepts(
                new TestKey(
                        generated.fingerprint(),
                        generated.armoredSecretKey(),
                        generated.armoredPublicKey(),
                        signer));
    }

    @Test
    void gpgImportsOurSecretKeyWithItsPassphrase() throws Exception {
        TestKey key = TestKeys.ed25519("secret-import");
        try (GnuPg gpg = GnuPg.create(dir)) {
            Path secret = key.writeSecret(dir);
            GnuPg.Result imported =
                    gpg.gpg(
                            "".getBytes(StandardCharsets.UTF_8),
                            "--passphrase",
                            TestKeys.PASSPHRASE,
                            "--import",
                            secret.toString());
            assertEquals(0, imported.exitCode(), imported.toString());
            Path data = Files.writeString(dir.resolve("data"), "x");
            GnuPg.Result signed =
                    gpg.gpg(
                            "--passphrase",
                            TestKeys.PASSPHRASE,
                            "--local-user",
                            key.fingerprint(),
                            "--detach-sign",
                            "--armor",
                            "--output",
                            dir.resolve("data.asc").toString(),
                            data.toString());
            assertEquals(0, signed.exitCode(), signed.toString());
        }
    }

    /**
     * A key made by gpg the way the predecessor's was (primary certifies, a subkey signs), exported
     * with its passphrase: we sign with the subkey, and gpgv accepts it. The same with only the
     * subkeys exported (the primary a stub, kept offline).
     */
    @Test
    void aGpgExportedKeyWithASigningSubkeySignsWithTheSubkey() throws Exception {
        String passphrase = "gpg passphrase";
        try (GnuPg gpg = GnuPg.create(dir)) {
            String faked = TestKeys.CREATED.getEpochSecond() + "!";
            GnuPg.Result made =
                    gpg.gpg(
                            "--faked-system-time",
                            faked,
                            "--passphrase",
                            passphrase,
                            "--quick-gen-key",
                            "Maintainer <m@example.org>",
                            "ed25519",
                            "cert",
                            "never");
            assertEquals(0, made.exitCode(), made.toString());
            String primary = made.statusFields("KEY_CREATED").get(1);
            GnuPg.Result added =
                    gpg.gpg(
                            "--faked-system-time",
                            faked,
                            "--passphrase",
                            passphrase,
                            "--quick-add-key",
                            primary,
                            "ed25519",
                            "sign",
                            "never");
            assertEquals(0, added.exitCode(), added.toString());
            Path data = Files.writeString(dir.resolve("policy.json"), "{}\n");
            Path keyring = dir.resolve("key.gpg");
            assertEquals(
                    0, gpg.gpg("--output", keyring.toString(), "--export", primary).exitCode());

            for (String export : new String[] {"--export-secret-keys", "--export-secret-subkeys"}) {
                Path secret = dir.resolve("secret" + export + ".asc");
                GnuPg.Result exported =
                        gpg.gpg(
                                "--passphrase",
                                passphrase,
                                "--armor",
                                "--output",
                                secret.toString(),
                                export,
                                primary);
                assertEquals(0, exported.exitCode(), exported.toString());
                SigningKey key = SigningKey.load(secret, passphrase.toCharArray());
                assertEquals(primary, key.primaryFingerprint());
                assertNotEquals(primary, key.signingFingerprint(AT), export);
                Path signature =
                        Files.write(
                                dir.resolve("policy.json.asc"),
                                key.signDetached(Files.readAllBytes(data), AT));
                GnuPg.Result gpgv = gpg.gpgv(keyring, signature, data);
                assertEquals(0, gpgv.exitCode(), gpgv.toString());
                assertEquals(key.signingFingerprint(AT), gpgv.statusFields("VALIDSIG").get(0));
                assertEquals(primary, gpgv.statusFields("VALIDSIG").get(9));
            }
        }
    }
}
