package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.signing.ArmoredKeyFingerprints;
import org.starttlslist.signing.SignatureBeforeListException;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GnuPg;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/** {@code keygen} and {@code sign}, and that what they make verifies. */
class SignCommandTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir Path dir;

    Path list;
    Path passphrase;

    @BeforeEach
    void files() throws IOException {
        list =
                Files.write(
                        dir.resolve("policy.json"),
                        TestLists.list(NOW.minusSeconds(3600), NOW.plus(Duration.ofDays(14)), 4));
        passphrase = Files.writeString(dir.resolve("passphrase"), TestKeys.PASSPHRASE + "\n");
    }

    private static void assertOneLineError(
            CliRun run, int exitCode, String command, String... fragments) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().startsWith(command + ": "), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "missing '" + fragment + "' in " + run);
        }
        assertFalse(run.err().contains(TestKeys.PASSPHRASE), run::toString);
    }

    @Test
    void keygenThenSignThenVerify() throws IOException {
        Path keys = dir.resolve("keys");
        CliRun keygen =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "Alice <alice@example.org>",
                        "--out",
                        keys.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        "2026-01-01T00:00:00Z");
        assertEquals(0, keygen.exitCode(), keygen::toString);
        Path secret = keys.resolve("secret-key.asc");
        Path pub = keys.resolve("public-key.asc");
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        String fingerprint =
                ArmoredKeyFingerprints.primaryFingerprints(Files.readAllBytes(pub)).get(0);
        assertTrue(keygen.out().contains("fingerprint: " + fingerprint), keygen::toString);
        assertFalse(keygen.out().contains(TestKeys.PASSPHRASE));

        CliRun sign =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, sign.exitCode(), sign::toString);
        assertEquals("", sign.err(), sign::toString);
        assertTrue(
                sign.out().contains("with key " + fingerprint + " at 2026-06-01T00:00:00Z"),
                sign::toString);

        CliRun verify =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        pub.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("signed at:  2026-06-01T00:00:00Z"), verify::toString);
    }

    @Test
    void keygenRefusesToOverwriteAKey() throws IOException {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("secret-key.asc"), "precious");
        CliRun run =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "Alice <alice@example.org>",
                        "--out",
                        keys.toString(),
                        "--passphrase-file",
                        passphrase.toString());
        assertOneLineError(run, 1, "keygen", "secret-key.asc already exists");
        assertEquals("precious", Files.readString(keys.resolve("secret-key.asc")));
        assertFalse(Files.exists(keys.resolve("public-key.asc")));
    }

    @Test
    void keygenNamesTheKeyFileItWillNotOverwrite() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path secret = Files.writeString(keys.resolve("secret-key.asc"), "precious");
        var e =
                assertThrows(
                        OutputExistsException.class,
                        () ->
                                CommandCall.parse(
                                                "keygen",
                                                "--uid",
                                                "Alice <alice@example.org>",
                                                "--out",
                                                keys.toString(),
                                                "--passphrase-file",
                                                passphrase.toString())
                                        .call());
        assertEquals(secret, e.file());
        assertEquals("precious", Files.readString(secret));
        assertFalse(Files.exists(keys.resolve("public-key.asc")));
    }

    @Test
    void signNamesTheSignatureItWillNotReplace() throws Exception {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        Path asc = dir.resolve("policy.json.asc");
        byte[] first = key.sign(Files.readAllBytes(list), NOW);
        Files.write(asc, first);
        var e =
                assertThrows(
                        SignatureExistsException.class,
                        () ->
                                CommandCall.parse(
                                                "sign",
                                                list.toString(),
                                                "--key",
                                                secret.toString(),
                                                "--passphrase-file",
                                                passphrase.toString(),
                                                "--now",
                                                NOW.toString())
                                        .call());
        assertEquals(asc, e.file());
        assertArrayEquals(first, Files.readAllBytes(asc));
    }

    @Test
    void signRefusesASignatureDatedBeforeTheListAndWritesNone() throws Exception {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        Instant early = NOW.minus(Duration.ofDays(1));
        var e =
                assertThrows(
                        SignatureBeforeListException.class,
                        () ->
                                CommandCall.parse(
                                                "sign",
                                                list.toString(),
                                                "--key",
                                                secret.toString(),
                                                "--passphrase-file",
                                                passphrase.toString(),
                                                "--now",
                                                early.toString())
                                        .call());
        assertEquals(early, e.signatureTime());
        assertEquals(NOW.minusSeconds(3600), e.listTimestamp());
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void keygenOffersOnlyRsa4096() {
        CliRun run =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "Alice <alice@example.org>",
                        "--out",
                        dir.resolve("k").toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--rsa",
                        "2048");
        assertOneLineError(run, 2, "keygen", "only --rsa 4096");
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void keygenWithoutAPassphraseSourceIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "Alice <alice@example.org>",
                        "--out",
                        dir.resolve("k").toString());
        assertOneLineError(run, 2, "keygen", "--passphrase-file FILE or --passphrase-env VAR");
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void signWithAWrongPassphraseIsRejectedAndWritesNothing() throws IOException {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        Path wrong = Files.writeString(dir.resolve("wrong"), "wrong\n");
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        wrong.toString());
        assertOneLineError(
                run,
                1,
                "sign",
                "the passphrase does not unlock the secret key " + key.fingerprint(),
                secret.toString());
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signWithAWorldReadableSecretKeyWarnsLikeSsh() throws IOException {
        TestKey key = TestKeys.ed25519("alice");
        Path secret = key.writeSecret(dir);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                List.of(
                        "sign: warning: secret key "
                                + secret
                                + " is readable by others; run chmod 600 "
                                + secret),
                run.err().lines().toList());
        assertTrue(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signWithAPublicKeyFileIsRejected() throws IOException {
        Path pub = TestKeys.ed25519("alice").writePublic(dir);
        Files.setPosixFilePermissions(pub, PosixFilePermissions.fromString("rw-------"));
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        pub.toString(),
                        "--passphrase-file",
                        passphrase.toString());
        assertOneLineError(run, 1, "sign", "holds a public key, not a secret key");
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signWithAMissingKeyFileCouldNotComplete() {
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        dir.resolve("absent.asc").toString(),
                        "--passphrase-file",
                        passphrase.toString());
        assertOneLineError(run, 3, "sign", "cannot read key file");
    }

    @Test
    void signWithAnExpiredKeyIsRejected() {
        TestKey key = TestKeys.expiring("erin", Duration.ofDays(30));
        Path secret = key.writeSecret(dir);
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        NOW.toString());
        assertOneLineError(
                run, 1, "sign", "key " + key.fingerprint() + " has no signing key valid at " + NOW);
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signWithoutKeyOrGpgIsAUsageError() {
        CliRun run = CliRun.of("sign", list.toString());
        assertOneLineError(
                run, 2, "sign", "pass --key SECRET.asc, or --with-gpg --local-user FINGERPRINT");
    }

    @Test
    void signWithGpgAndAKeyIdInsteadOfAFingerprintIsAUsageError_beforeGpgRuns() {
        CliRun run =
                CliRun.of(
                        "sign", list.toString(), "--with-gpg", "--local-user", "93B7838E1AD8569F");
        assertOneLineError(
                run,
                2,
                "sign",
                "--local-user '93B7838E1AD8569F' is not an OpenPGP v4 fingerprint: that is a key ID;"
                        + " give the full 40-digit fingerprint (gpg --with-colons --fingerprint)");
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signWithoutPassphraseSourceAndNoTerminalIsAUsageError() {
        Path secret = TestKeys.ed25519("alice").writeSecret(dir);
        CliRun run = CliRun.of("sign", list.toString(), "--key", secret.toString());
        assertOneLineError(run, 2, "sign", "no passphrase");
    }

    @Test
    void thePassphraseMayComeFromTheEnvironment() throws IOException {
        // Tests cannot set variables in their own process; use one that is always set as the
        // passphrase.
        String value = System.getenv("PATH");
        var generated =
                org.starttlslist.signing.KeyGenerator.generate(
                        org.starttlslist.signing.KeySpec.ed25519(
                                "Env <env@example.org>", TestKeys.CREATED),
                        value.toCharArray(),
                        0x60);
        Path secret = Files.write(dir.resolve("env-secret.asc"), generated.armoredSecretKey());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-env",
                        "PATH");
        assertEquals(0, run.exitCode(), run::toString);
        CliRun unset =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--force",
                        "--passphrase-env",
                        "STARTTLS_LIST_SURELY_UNSET_VARIABLE");
        assertOneLineError(
                unset,
                2,
                "sign",
                "STARTTLS_LIST_SURELY_UNSET_VARIABLE: the environment variable is not set");
    }

    @Test
    void signWithGpgMakesASignatureWeVerify() throws IOException {
        try (GnuPg gpg = GnuPg.create(dir)) {
            String fingerprint = gpg.generateKey("Gpg Maintainer <gpg@example.org>");
            Path pub = dir.resolve("gpg-key.asc");
            assertEquals(
                    0,
                    gpg.gpg("--armor", "--output", pub.toString(), "--export", fingerprint)
                            .exitCode());
            CliRun run =
                    CliRun.of(
                            "sign",
                            list.toString(),
                            "--with-gpg",
                            "--local-user",
                            fingerprint,
                            "--gpg-homedir",
                            gpg.home().toString(),
                            "--now",
                            NOW.toString());
            assertEquals(0, run.exitCode(), run::toString);
            CliRun verify =
                    CliRun.of(
                            "verify",
                            list.toString(),
                            "--keys",
                            pub.toString(),
                            "--now",
                            NOW.toString());
            assertEquals(0, verify.exitCode(), verify::toString);
            assertTrue(verify.out().contains("signed by:  " + fingerprint), verify::toString);
            assertTrue(verify.out().contains("signed at:  2026-06-01T00:00:00Z"), verify::toString);
        }
    }

    @Test
    void signWithGpgAndAnUnknownKeyCouldNotComplete() {
        try (GnuPg gpg = GnuPg.create(dir)) {
            CliRun run =
                    CliRun.of(
                            "sign",
                            list.toString(),
                            "--with-gpg",
                            "--local-user",
                            "0".repeat(40),
                            "--gpg-homedir",
                            gpg.home().toString());
            assertOneLineError(run, 3, "sign", "gpg could not sign");
            assertFalse(Files.exists(dir.resolve("policy.json.asc")));
        }
    }

    @Test
    void keygenWantsANameAndAnEmail() {
        CliRun run =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "just a name",
                        "--out",
                        dir.resolve("k").toString(),
                        "--passphrase-file",
                        passphrase.toString());
        assertOneLineError(run, 2, "keygen", "must look like \"Name <email@example.org>\"");
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void keygenRefusesAnEmptyPassphrase() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        CliRun run =
                CliRun.of(
                        "keygen",
                        "--uid",
                        "Alice <alice@example.org>",
                        "--out",
                        dir.resolve("k").toString(),
                        "--passphrase-file",
                        empty.toString());
        assertOneLineError(run, 2, "keygen", "the passphrase is empty");
        assertFalse(Files.exists(dir.resolve("k").resolve("secret-key.asc")));
    }

    @Test
    void signResolvesRelativePathsAgainstMinusC() {
        Path secret = TestKeys.ed25519("alice").writeSecret(dir.resolve("keys"));
        CliRun run =
                CliRun.of(
                        "-C",
                        dir.toString(),
                        "sign",
                        "policy.json",
                        "--key",
                        dir.relativize(secret).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        NOW.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.exists(dir.resolve("policy.json.asc")));
    }

    @Test
    void signOfAMissingFileCouldNotComplete() {
        Path secret = TestKeys.ed25519("alice").writeSecret(dir);
        CliRun run =
                CliRun.of(
                        "sign",
                        dir.resolve("absent.json").toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString());
        assertOneLineError(run, 3, "sign", "no such file");
        assertFalse(Files.exists(dir.resolve("absent.json.asc")));
    }
}
