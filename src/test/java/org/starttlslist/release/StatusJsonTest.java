package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.OutputSchemas;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import tools.jackson.databind.JsonNode;

/**
 * {@code status --format json}: one document valid against schema/status-output.schema.json, with
 * the text form's exit code, for each state (ok, release due, expired, bad signature) and for the
 * failures.
 */
@ExtendWith(GitConfigIsolation.class)
class StatusJsonTest {
    /** Near the real clock: release refuses a --now far from it unless told otherwise. */
    // One base instant for the class, by design.
    @SuppressWarnings("TimeInStaticInitializer")
    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    private ListRepoFixture released() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path secret = Files.writeString(dir.resolve("secret.asc"), TestKeys.text(key.secretKey()));
        Path passphrase = Files.writeString(dir.resolve("passphrase"), TestKeys.PASSPHRASE + "\n");
        CliRun release =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "release",
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        ListTimes.format(BASE),
                        "--allow-now-far-from-clock",
                        "--no-push");
        assertEquals(0, release.exitCode(), release::toString);
        return fixture;
    }

    private static CliRun status(ListRepoFixture fixture, Duration after) {
        return CliRun.of(
                "-C",
                fixture.list.toString(),
                "status",
                "--format",
                "json",
                "--now",
                ListTimes.format(BASE.plus(after)));
    }

    @Test
    void eachStateWithItsFactsAndExitCode() throws Exception {
        ListRepoFixture fixture = released();
        Map<String, String> files = ListRepoFixture.files(fixture.list);

        CliRun fresh = status(fixture, Duration.ofHours(12));
        assertEquals(0, fresh.exitCode(), fresh::toString);
        assertEquals("", fresh.err(), fresh::toString);
        JsonNode ok = OutputSchemas.assertValid("status", fresh);
        assertEquals("ok", ok.get("state").asString());
        assertTrue(ok.get("list").asString().startsWith("release/policy.json"), fresh::toString);
        assertEquals(ListTimes.format(BASE), ok.get("timestamp").asString());
        assertEquals(
                ListTimes.format(BASE.plus(Duration.ofDays(14))), ok.get("expires").asString());
        assertEquals(
                Duration.ofDays(14).minusHours(12).toSeconds(), ok.get("seconds-left").asLong());
        assertEquals(Duration.ofDays(7).toSeconds(), ok.get("minimum-validity-seconds").asLong());
        assertEquals(key.fingerprint(), ok.get("signers").get(0).asString());
        assertTrue(ok.get("signature").get("verified").asBoolean());
        int domains = ok.get("domains").get("total").asInt();
        assertTrue(domains > 0, fresh::toString);
        assertEquals(
                domains,
                ok.get("domains").get("enforce").asInt()
                        + ok.get("domains").get("testing").asInt());

        CliRun due = status(fixture, Duration.ofDays(8));
        assertEquals(1, due.exitCode(), due::toString);
        assertEquals(
                "release-due", OutputSchemas.assertValid("status", due).get("state").asString());

        CliRun expired = status(fixture, Duration.ofDays(15));
        assertEquals(1, expired.exitCode(), expired::toString);
        JsonNode gone = OutputSchemas.assertValid("status", expired);
        assertEquals("expired", gone.get("state").asString());
        assertEquals(-Duration.ofDays(1).toSeconds(), gone.get("seconds-left").asLong());

        assertEquals(files, ListRepoFixture.files(fixture.list), "status wrote something");
    }

    @Test
    void aSignatureThatDoesNotVerifyWithThePinnedKeysIsBadSignature() throws Exception {
        ListRepoFixture fixture = released();
        // Another maintainer's key replaces the one that signed the release.
        TestKey other = TestKeys.ed25519("other");
        Path keys = fixture.list.resolve("release/keys");
        Files.delete(keys.resolve(key.fingerprint() + ".asc"));
        Files.writeString(
                keys.resolve(other.fingerprint() + ".asc"), TestKeys.text(other.publicKey()));
        Path config = fixture.list.resolve("release/config.json");
        Files.writeString(
                config, Files.readString(config).replace(key.fingerprint(), other.fingerprint()));
        try (Git git = fixture.git()) {
            git.add().addFilepattern("release").call();
            git.rm().addFilepattern("release/keys/" + key.fingerprint() + ".asc").call();
            ListRepoFixture.commit(git, "Swap the pinned key");
        }
        CliRun run = status(fixture, Duration.ofHours(1));
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertValid("status", run);
        assertEquals("bad-signature", document.get("state").asString());
        assertFalse(document.get("signature").get("verified").asBoolean());
    }

    @Test
    void nothingReleasedIsARejectedErrorDocument() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        CliRun run = status(fixture, Duration.ZERO);
        assertEquals(1, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertError("status", run, "rejected");
        assertTrue(
                document.get("error")
                        .get("message")
                        .asString()
                        .contains("nothing has been released"),
                run::toString);
        assertEquals(fixture.list.toString(), document.get("error").get("file").asString());
    }

    @Test
    void notARepositoryAndUsageErrorsAreErrorDocuments() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        CliRun run = CliRun.of("-C", plain.toString(), "status", "--format", "json");
        assertTrue(run.exitCode() == 1 || run.exitCode() == 3, run::toString);
        OutputSchemas.assertValid("status", run);
        assertTrue(OutputSchemas.assertValid("status", run).has("error"), run::toString);

        CliRun usage = CliRun.of("status", "--format", "json", "--now", "yesterday");
        assertEquals(2, usage.exitCode(), usage::toString);
        OutputSchemas.assertError("status", usage, "usage");
    }
}
