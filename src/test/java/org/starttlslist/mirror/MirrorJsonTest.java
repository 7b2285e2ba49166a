package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.OutputSchemas;
import tools.jackson.databind.JsonNode;

/**
 * {@code mirror --format json}: one document per run, valid against
 * schema/mirror-output.schema.json, with the text form's exit code: installed, already current,
 * refused, could not fetch, stale (exit 4) and usage errors.
 */
class MirrorJsonTest {
    @TempDir static Path keys;
    static MaintainerKey maintainer;

    @TempDir Path tmp;
    Path source;
    Path mirror;

    @BeforeAll
    static void makeKeys() throws Exception {
        maintainer = MaintainerKey.create(keys, "maintainer", TestLists.KEY_CREATED);
    }

    @BeforeEach
    void paths() {
        source = tmp.resolve("source");
        mirror = tmp.resolve("mirror");
    }

    byte[] publishSigned(Instant timestamp, int domains) throws Exception {
        byte[] list = TestLists.list(timestamp, domains);
        TestLists.publish(source, list, maintainer.sign(list, timestamp));
        return list;
    }

    CliRun mirrorAt(Instant now) {
        return CliRun.of(
                "mirror",
                "--from",
                source.toString(),
                "--keys",
                maintainer.publicKey().toString(),
                "--into",
                mirror.toString(),
                "--now",
                ListTimes.format(now),
                "--format",
                "json");
    }

    @Test
    void anInstallAndThenAlreadyCurrent() throws Exception {
        publishSigned(at(0), 3);
        CliRun run = mirrorAt(at(1));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        JsonNode installed = OutputSchemas.assertValid("mirror", run);
        assertEquals("installed", installed.get("status").asString());
        assertEquals(
                mirror.resolve("current").toRealPath().toString(),
                installed.get("release").asString());
        assertEquals("2026-11-01T00:00:00Z", installed.get("list").get("timestamp").asString());
        assertEquals("2026-11-15T00:00:00Z", installed.get("list").get("expires").asString());
        assertEquals(3, installed.get("list").get("domains").asInt());
        assertEquals(maintainer.fingerprint(), installed.get("signed-by").get(0).asString());
        assertEquals("2026-11-01T01:00:00Z", installed.get("now").asString());
        assertFalse(installed.get("stale").asBoolean());
        assertFalse(installed.has("error"));
        assertFalse(installed.has("postfix-table"));

        JsonNode again = OutputSchemas.assertValid("mirror", mirrorAt(at(2)));
        assertEquals("already-current", again.get("status").asString());
        assertEquals(0, again.get("exit-code").asInt());
    }

    @Test
    void aRollbackIsRefusedWithExit1AndNothingChanges() throws Exception {
        publishSigned(at(6), 2);
        assertEquals(0, mirrorAt(at(7)).exitCode());
        publishSigned(at(0), 1);
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun run = mirrorAt(at(8));
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(before, TestLists.snapshot(mirror), "the installed state changed");
        JsonNode document = OutputSchemas.assertValid("mirror", run);
        assertEquals("failed", document.get("status").asString());
        assertEquals("rejected", document.get("error").get("kind").asString());
        assertEquals(mirror.toString(), document.get("error").get("file").asString());
        assertTrue(
                run.err().contains(document.get("error").get("message").asString()), run::toString);
        assertFalse(document.get("stale").asBoolean());
    }

    @Test
    void aSourceThatCannotBeFetchedIsExit3() throws Exception {
        Files.createDirectories(source);
        CliRun run = mirrorAt(at(1));
        assertEquals(3, run.exitCode(), run::toString);
        JsonNode document = OutputSchemas.assertValid("mirror", run);
        assertEquals("could-not-complete", document.get("error").get("kind").asString());
        assertFalse(Files.exists(mirror.resolve("current")));
    }

    @Test
    void aStaleInstalledListIsExit4WithTheAlert() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        // Already current, but expiring within 48 hours.
        CliRun current = mirrorAt(at(0).plus(Duration.ofDays(13)));
        assertEquals(4, current.exitCode(), current::toString);
        JsonNode expiring = OutputSchemas.assertValid("mirror", current);
        assertEquals("already-current", expiring.get("status").asString());
        assertTrue(expiring.get("stale").asBoolean());
        String alert = expiring.get("action-required").asString();
        assertTrue(alert.startsWith("ACTION REQUIRED: the installed list in " + mirror), alert);
        assertTrue(current.err().contains(alert), current::toString);

        // The source breaks after expiry: the fetch error and the alert, exit 4, nothing changed.
        Files.delete(source.resolve("policy.json.asc"));
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun broken = mirrorAt(at(0).plus(Duration.ofDays(15)));
        assertEquals(4, broken.exitCode(), broken::toString);
        assertEquals(before, TestLists.snapshot(mirror));
        JsonNode failed = OutputSchemas.assertValid("mirror", broken);
        assertEquals("failed", failed.get("status").asString());
        assertTrue(failed.has("error"), broken::toString);
        assertTrue(
                failed.get("action-required")
                        .asString()
                        .contains("expired at 2026-11-15T00:00:00Z"),
                broken::toString);
    }

    @Test
    void usageErrorsAreErrorDocuments() {
        CliRun run = CliRun.of("mirror", "--into", mirror.toString(), "--format", "json");
        assertEquals(2, run.exitCode(), run::toString);
        OutputSchemas.assertError("mirror", run, "usage");
        CliRun keep =
                CliRun.of(
                        "mirror",
                        "--format",
                        "json",
                        "--from",
                        source.toString(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--keep",
                        "zero");
        assertEquals(2, keep.exitCode(), keep::toString);
        OutputSchemas.assertError("mirror", keep, "usage");
        assertFalse(Files.exists(mirror), "nothing was written");
    }
}
