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

/**
 * The timer's run, by hand: {@code starttls-list --quiet mirror --config mirror.conf} with a
 * Postfix table configured, and the real postmap. Postfix is exported, mapped and reloaded only
 * when the installed list changed or expired.
 */
class ScheduledRunTest {
    @TempDir Path tmp;
    ScheduledSetup host;

    @BeforeEach
    void host() throws Exception {
        host = new ScheduledSetup(tmp);
    }

    @Test
    void firstRun_installsExportsMapsAndRequestsAReload() throws Exception {
        host.publish(ScheduledSetup.T0, 5);

        CliRun run = host.timerRun(ScheduledSetup.T0.plusSeconds(60));

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.out(), "--quiet prints nothing on success");
        assertTrue(
                Files.readString(host.table).contains("secure match="),
                Files.readString(host.table));
        assertTrue(Files.exists(Path.of(host.table + ".db")), "postmap built the hash table");
        assertEquals(1, host.postmapRuns().size());
        assertTrue(host.reloadRequested());
    }

    @Test
    void unchangedList_noExportNoPostmapNoReload() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        assertEquals(0, host.timerRun(ScheduledSetup.T0.plusSeconds(60)).exitCode());
        host.reloadDone();
        Object before = host.tableIdentity();

        CliRun again = host.timerRun(ScheduledSetup.T0.plus(Duration.ofHours(6)));

        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(before, host.tableIdentity(), "the table file was not rewritten");
        assertEquals(1, host.postmapRuns().size(), "postmap did not run again");
        assertFalse(host.reloadRequested(), "no reload was requested");
    }

    @Test
    void newerList_oneExportAndOnePostmap() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        assertEquals(0, host.timerRun(ScheduledSetup.T0.plusSeconds(60)).exitCode());
        host.reloadDone();
        String oldTable = Files.readString(host.table);

        host.publish(ScheduledSetup.T0.plus(Duration.ofDays(1)), 9);
        CliRun run = host.timerRun(ScheduledSetup.T0.plus(Duration.ofDays(1)).plusSeconds(60));

        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(
                oldTable.equals(Files.readString(host.table)), "the table holds the newer list");
        assertEquals(2, host.postmapRuns().size());
        assertTrue(host.reloadRequested());
    }

    @Test
    void expiredList_fallbackTableOnceAndTheAlertEveryRun() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        assertEquals(0, host.timerRun(ScheduledSetup.T0.plusSeconds(60)).exitCode());
        host.reloadDone();

        // The maintainers stop publishing; the installed list expires.
        CliRun expired =
                host.timerRun(ScheduledSetup.T0.plus(ScheduledSetup.VALIDITY).plusSeconds(1));

        assertEquals(4, expired.exitCode(), expired.toString());
        assertTrue(expired.err().contains("ACTION REQUIRED"), expired.err());
        assertEquals(
                "# Policy list is outdated. Falling back to opportunistic encryption.\n",
                Files.readString(host.table));
        assertEquals(2, host.postmapRuns().size(), "postmap ran on the fallback table");
        assertTrue(host.reloadRequested(), "Postfix must reload to stop enforcing the stale list");
        host.reloadDone();

        CliRun later =
                host.timerRun(
                        ScheduledSetup.T0.plus(ScheduledSetup.VALIDITY).plus(Duration.ofHours(6)));

        assertEquals(4, later.exitCode(), later.toString());
        assertTrue(later.err().contains("ACTION REQUIRED"), "the alert repeats until someone acts");
        assertEquals(2, host.postmapRuns().size(), "the fallback table is not exported again");
        assertFalse(host.reloadRequested());
    }

    @Test
    void postmapFails_exit3_andTheNextRunTriesAgain() throws Exception {
        host.publish(ScheduledSetup.T0, 5);
        Files.delete(host.postfixConfig.resolve("main.cf")); // postmap: fatal: open .../main.cf

        CliRun failed = host.timerRun(ScheduledSetup.T0.plusSeconds(60));

        assertEquals(3, failed.exitCode(), failed.toString());
        assertTrue(
                failed.err().contains("postmap") && failed.err().contains("main.cf"), failed.err());
        assertFalse(host.reloadRequested(), "no reload for a table postmap did not build");

        Files.writeString(host.postfixConfig.resolve("main.cf"), "compatibility_level = 3.6\n");
        CliRun retried = host.timerRun(ScheduledSetup.T0.plusSeconds(120));

        assertEquals(0, retried.exitCode(), retried.toString());
        assertTrue(host.reloadRequested());
        assertTrue(Files.exists(Path.of(host.table + ".db")));
    }
}
