package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/** release/config.json's maintainers and the public keys in release/keys/ must agree. */
class KeysAgreementTest {
    @TempDir Path repo;

    TestKey alice;
    TestKey bob;

    @BeforeEach
    void keys() throws IOException {
        alice = TestKeys.ed25519("alice");
        bob = TestKeys.ed25519("bob");
        write(repo.resolve("policies/example.org.json"), utf8(GeneratedInputsTest.DOMAIN));
    }

    private void config(String... fingerprints) throws IOException {
        StringBuilder maintainers = new StringBuilder();
        for (String fingerprint : fingerprints) {
            maintainers
                    .append(maintainers.length() == 0 ? "" : ",\n")
                    .append("    {\"fingerprint\": \"")
                    .append(fingerprint)
                    .append("\"}");
        }
        write(
                repo.resolve("release/config.json"),
                utf8(
                        "{\n  \"author\": \"test\",\n  \"version\": \"0.1\",\n  \"maintainers\": [\n"
                                + maintainers
                                + "\n  ]\n}\n"));
    }

    private CliRun validate() {
        return CliRun.of("-C", repo.toString(), "validate", "--now", NOW);
    }

    @Test
    void listedKeysThatArePresentAgree() throws IOException {
        config(alice.fingerprint(), bob.fingerprint());
        alice.writePublic(repo.resolve("release/keys"));
        bob.writePublic(repo.resolve("release/keys"));
        CliRun run = validate();
        assertEquals(0, run.exitCode(), run.toString());
    }

    @Test
    void aListedFingerprintWithoutItsKeyIsReportedAtTheFingerprint() throws IOException {
        config(alice.fingerprint(), bob.fingerprint());
        alice.writePublic(repo.resolve("release/keys"));
        CliRun run = validate();
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(
                "release/config.json:6:21: error config.key.missing: no public key with fingerprint "
                        + bob.fingerprint()
                        + " in release/keys/; add it (gpg --armor --export "
                        + bob.fingerprint()
                        + " > release/keys/"
                        + bob.fingerprint()
                        + ".asc) or remove this maintainer\n",
                run.out());
    }

    @Test
    void aKeyNobodyListedAndAFileThatIsNoKeyAreErrors() throws IOException {
        config(alice.fingerprint());
        alice.writePublic(repo.resolve("release/keys"));
        bob.writePublic(repo.resolve("release/keys"));
        write(repo.resolve("release/keys/notes.asc"), utf8("not a key\n"));
        CliRun run = validate();
        assertEquals(1, run.exitCode(), run.toString());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length, run.out());
        assertEquals(
                "release/keys/"
                        + bob.fingerprint()
                        + ".asc:1:1: error key.unlisted: holds the key "
                        + bob.fingerprint()
                        + ", which release/config.json does not list; add {\"fingerprint\": \""
                        + bob.fingerprint()
                        + "\"} to its maintainers or remove the key",
                lines[lines[0].contains("key.unlisted") ? 0 : 1]);
        assertEquals(
                true,
                run.out().contains("release/keys/notes.asc:1:1: error key.malformed: "),
                run.out());
    }

    @Test
    void aSecretKeyInReleaseKeysIsAnError() throws IOException {
        config(alice.fingerprint());
        alice.writePublic(repo.resolve("release/keys"));
        java.nio.file.Files.writeString(
                repo.resolve("release/keys/alice-secret.asc"), TestKeys.text(alice.secretKey()));
        java.nio.file.Files.write(
                repo.resolve("release/keys/alice-secret-binary.asc"),
                org.starttlslist.signing.OpenPgpFiles.dearmor(alice.secretKey()));
        CliRun run = validate();
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(
                true,
                run.out()
                        .contains(
                                "release/keys/alice-secret.asc:1:1: error key.secret: holds a SECRET key"),
                run.out());
        assertEquals(
                true,
                run.out()
                        .contains(
                                "release/keys/alice-secret-binary.asc:1:1: error key.secret: holds a SECRET key"),
                run.out());
    }
}
