package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.SharedFixtures;

/** The predecessor's real signed lists (EFF, May 2020) through the mirror. */
class EffListMirrorTest {
    @Test
    void theNewestInstallsAndTheOlderIsRefusedAsARollback(@TempDir Path tmp) throws Exception {
        Path eff = SharedFixtures.require("fixtures/eff");
        Path key = eff.resolve("public-key.txt");
        Path mirror = tmp.resolve("mirror");
        CliRun newest =
                CliRun.of(
                        "mirror",
                        "--from",
                        eff.toString(),
                        "--keys",
                        key.toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        "2020-05-21T00:00:00Z");
        assertEquals(0, newest.exitCode(), newest.toString());
        assertTrue(newest.out().contains("B693F33372E965D76D55368616EEA65D03326C9D"), newest.out());
        assertArrayEquals(
                SharedFixtures.bytes("fixtures/eff/policy.json"), TestLists.installedList(mirror));

        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun older =
                CliRun.of(
                        "mirror",
                        "--from",
                        eff.resolve("older").toString(),
                        "--keys",
                        key.toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        "2020-05-21T00:00:00Z");
        assertEquals(1, older.exitCode(), older.toString());
        // On the 21st the older list has also expired (2020-05-20T18:18:30Z), which the checklist
        // finds first.
        assertTrue(older.err().contains("expired"), older.err());
        assertEquals(before, TestLists.snapshot(mirror));
    }

    @Test
    void whileBothAreValidTheOlderIsRefusedAsARollback(@TempDir Path tmp) throws Exception {
        Path eff = SharedFixtures.require("fixtures/eff");
        Path key = eff.resolve("public-key.txt");
        Path mirror = tmp.resolve("mirror");
        // Between the newer list's signature (17:25:12Z) and the older list's expiry (18:18:30Z).
        String now = "2020-05-20T18:00:00Z";
        CliRun newest =
                CliRun.of(
                        "mirror",
                        "--from",
                        eff.toString(),
                        "--keys",
                        key.toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        now);
        assertEquals(0, newest.exitCode(), newest.toString());
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun older =
                CliRun.of(
                        "mirror",
                        "--from",
                        eff.resolve("older").toString(),
                        "--keys",
                        key.toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        now);
        assertEquals(1, older.exitCode(), older.toString());
        assertTrue(older.err().startsWith("mirror: rollback: "), older.err());
        assertEquals(before, TestLists.snapshot(mirror));
    }
}
