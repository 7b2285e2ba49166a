package org.starttlslist.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.OutputSchemas;
import tools.jackson.databind.JsonNode;

/**
 * The timer's run with {@code --format json}: the {@code postfix-table} member of
 * schema/mirror-output.schema.json for an export, an unchanged table, the expired list's fallback
 * (exit 4) and a failed postmap (exit 3), with the real postmap.
 */
class ScheduledRunJsonTest {
    @TempDir Path tmp;
    ScheduledSetup host;

    @BeforeEach
    void host() throws Exception {
        host = new ScheduledSetup(tmp);
    }

    @Test
    void exportedThenUnchangedThenTheFallback() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        CliRun first = host.jsonRun(ScheduledSetup.T0.plusSeconds(60));
        assertEquals(0, first.exitCode(), first::toString);
        JsonNode exported = OutputSchemas.assertValid("mirror", first).get("postfix-table");
        assertEquals("exported", exported.get("status").asString());
        assertEquals(host.table.toAbsolutePath().toString(), exported.get("table").asString());
        assertEquals(5, exported.get("enforce").asInt() + exported.get("testing").asInt());
        assertEquals(
                TableRefresh.reloadMarker(host.table.toAbsolutePath()).toString(),
                exported.get("reload-marker").asString());
        host.reloadDone();

        CliRun again = host.jsonRun(ScheduledSetup.T0.plus(Duration.ofHours(6)));
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(
                "unchanged",
                OutputSchemas.assertValid("mirror", again)
                        .get("postfix-table")
                        .get("status")
                        .asString());
        assertEquals(1, host.postmapRuns().size(), "postmap did not run again");

        CliRun expired =
                host.jsonRun(ScheduledSetup.T0.plus(ScheduledSetup.VALIDITY).plusSeconds(1));
        assertEquals(4, expired.exitCode(), expired::toString);
        JsonNode document = OutputSchemas.assertValid("mirror", expired);
        assertTrue(document.get("stale").asBoolean());
        JsonNode fallback = document.get("postfix-table");
        assertEquals("fallback", fallback.get("status").asString());
        assertEquals("2026-11-15T00:00:00Z", fallback.get("expired-at").asString());
        assertTrue(
                expired.err().contains(fallback.get("action-required").asString()),
                expired::toString);
        assertEquals(
                "# Policy list is outdated. Falling back to opportunistic encryption.\n",
                Files.readString(host.table));
    }

    @Test
    void aFailedPostmapIsExit3AndNoReload() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        Files.delete(host.postfixConfig.resolve("main.cf")); // postmap: fatal: open .../main.cf
        CliRun failed = host.jsonRun(ScheduledSetup.T0.plusSeconds(60));
        assertEquals(3, failed.exitCode(), failed::toString);
        JsonNode document = OutputSchemas.assertValid("mirror", failed);
        assertEquals("installed", document.get("status").asString());
        JsonNode table = document.get("postfix-table");
        assertEquals("failed", table.get("status").asString());
        assertEquals("could-not-complete", table.get("error").get("kind").asString());
        assertTrue(
                table.get("error").get("message").asString().contains("main.cf"), failed::toString);
        assertFalse(host.reloadRequested(), "no reload for a table postmap did not build");
    }
}
