package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.io.IOException;
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

/** The mirror with a local directory as its source: installs, refusals, staleness, the lock. */
class MirrorDirectoryTest {
    @TempDir static Path keys;
    static MaintainerKey maintainer;
    static MaintainerKey stranger;

    @TempDir Path tmp;
    Path source;
    Path mirror;

    @BeforeAll
    static void makeKeys() throws Exception {
        maintainer = MaintainerKey.create(keys, "maintainer", TestLists.KEY_CREATED);
        stranger = MaintainerKey.create(keys, "stranger", TestLists.KEY_CREATED);
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

    CliRun mirrorAt(Instant now, String... extra) {
        String[] base = {
            "mirror",
            "--from",
            source.toString(),
            "--keys",
            maintainer.publicKey().toString(),
            "--into",
            mirror.toString(),
            "--now",
            ListTimes.format(now)
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    /**
     * Runs a mirror that must be refused with {@code exit}, and checks nothing in the mirror
     * changed.
     */
    CliRun refused(int exit, Instant now, String... extra) throws IOException {
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun run = mirrorAt(now, extra);
        assertEquals(exit, run.exitCode(), run.toString());
        assertEquals(before, TestLists.snapshot(mirror), "the installed state changed");
        return run;
    }

    @Test
    void installsTheVerifiedPairAndKeepsTheExactBytes() throws Exception {
        byte[] list = publishSigned(at(0), 3);
        CliRun run = mirrorAt(at(1));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Installed "), run.out());
        assertTrue(
                run.out().contains("3 domains, signed by " + maintainer.fingerprint()), run.out());
        assertArrayEquals(list, TestLists.installedList(mirror));
        assertArrayEquals(
                Files.readAllBytes(source.resolve("policy.json.asc")),
                Files.readAllBytes(mirror.resolve("current/policy.json.asc")));
        String name = ReleaseStore.releaseName(at(0), list);
        assertEquals(Path.of("releases", name), Files.readSymbolicLink(mirror.resolve("current")));
        assertTrue(name.startsWith("20261101T000000Z-"), name);
        // Public data: readable by the MTA's export and by a web server.
        assertEquals(
                "rwxr-xr-x",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(mirror.resolve("releases").resolve(name))));
        assertEquals(
                "rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(mirror.resolve("current/policy.json"))));
    }

    @Test
    void theSameListAgainIsAlreadyCurrent() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun again = mirrorAt(at(2));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().startsWith("Already current: "), again.out());
        assertEquals(before, TestLists.snapshot(mirror));
    }

    @Test
    void aNewerListReplacesTheOldOneAndOldReleasesArePrunedAfterTheSwitch() throws Exception {
        for (int i = 0; i < 4; i++) {
            byte[] list = publishSigned(at(i * 6), i + 1);
            CliRun run = mirrorAt(at(i * 6 + 1), "--keep", "2");
            assertEquals(0, run.exitCode(), run.toString());
            assertArrayEquals(list, TestLists.installedList(mirror));
        }
        try (var releases = Files.list(mirror.resolve("releases"))) {
            assertEquals(2, releases.count());
        }
        assertFalse(
                Files.exists(
                        mirror.resolve("releases")
                                .resolve(
                                        ReleaseStore.releaseName(
                                                at(0), TestLists.list(at(0), 1)))));
    }

    @Test
    void anOlderListIsARollback() throws Exception {
        publishSigned(at(10), 2);
        assertEquals(0, mirrorAt(at(11)).exitCode());
        publishSigned(at(5), 1);
        CliRun run = refused(1, at(12));
        assertTrue(run.err().startsWith("mirror: rollback: "), run.err());
    }

    @Test
    void anEqualTimestampWithDifferentBytesIsRefused() throws Exception {
        publishSigned(at(10), 2);
        assertEquals(0, mirrorAt(at(11)).exitCode());
        publishSigned(at(10), 3);
        refused(1, at(12));
    }

    @Test
    void anExpiredRemoteListIsRefused() throws Exception {
        publishSigned(at(0), 1);
        // 14 days later, the list has expired; nothing installed before, so the plain rejection.
        CliRun run = refused(1, at(0).plus(Duration.ofDays(14)).plusSeconds(1));
        assertFalse(run.err().contains("ACTION REQUIRED"), run.err());
    }

    @Test
    void theOldSignatureBesideANewListIsRefused() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        byte[] oldSignature = Files.readAllBytes(source.resolve("policy.json.asc"));
        TestLists.publish(source, TestLists.list(at(6), 2), oldSignature);
        refused(1, at(7));
    }

    @Test
    void aListSignedByAnUnpinnedKeyIsRefused() throws Exception {
        byte[] list = TestLists.list(at(0), 1);
        TestLists.publish(source, list, stranger.sign(list, at(0)));
        refused(1, at(1));
    }

    @Test
    void aMissingSignatureCannotBeFetched() throws Exception {
        TestLists.publish(source, TestLists.list(at(0), 1), null);
        CliRun run = refused(3, at(1));
        assertTrue(
                run.err()
                        .contains(
                                "policy.json.asc: the file does not exist; a list is only mirrored with its signature"),
                run.err());
    }

    @Test
    void anOversizeListIsAbortedAtTheCap() throws Exception {
        byte[] list = publishSigned(at(0), 20);
        CliRun run = refused(1, at(1), "--max-bytes", String.valueOf(list.length - 1));
        assertTrue(run.err().contains("is larger than " + (list.length - 1) + " bytes"), run.err());
        // exactly at the cap is fine
        assertEquals(0, mirrorAt(at(1), "--max-bytes", String.valueOf(list.length)).exitCode());
    }

    @Test
    void anOversizeSignatureIsAborted() throws Exception {
        byte[] list = TestLists.list(at(0), 1);
        TestLists.publish(source, list, new byte[(int) FetchLimits.DEFAULT_SIGNATURE_BYTES + 1]);
        CliRun run = refused(1, at(1));
        assertTrue(run.err().contains("policy.json.asc is larger than 65536 bytes"), run.err());
    }

    @Test
    void aCorruptInstalledCopyDoesNotBlockAValidUpdate() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Path installed = mirror.resolve("current").toRealPath().resolve("policy.json");
        Files.writeString(installed, "{ garbage");
        byte[] newer = publishSigned(at(6), 2);
        CliRun run = mirrorAt(at(7));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: the installed list"), run.out());
        assertTrue(run.out().contains("cannot be read"), run.out());
        assertArrayEquals(newer, TestLists.installedList(mirror));
    }

    @Test
    void aCorruptInstalledCopyAndNoUsableSourceIsActionRequired() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Files.writeString(
                mirror.resolve("current").toRealPath().resolve("policy.json"), "{ garbage");
        Files.delete(source.resolve("policy.json.asc"));
        CliRun run = refused(4, at(2));
        assertTrue(run.err().contains("ACTION REQUIRED: the installed list in "), run.err());
        assertTrue(run.err().contains("cannot be read as a policy list"), run.err());
    }

    @Test
    void anExpiredInstalledCopyDoesNotBlockAValidUpdate() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Instant later = at(0).plus(Duration.ofDays(20));
        byte[] newer = publishSigned(later, 2);
        CliRun run = mirrorAt(later.plusSeconds(60));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("note: the installed list expired at"), run.out());
        assertArrayEquals(newer, TestLists.installedList(mirror));
    }

    @Test
    void aStaleInstalledListGivesExit4AndActionRequired() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        // 13 days on, the source still serves the same list: already current, but expiring within
        // 48 hours.
        CliRun current = mirrorAt(at(0).plus(Duration.ofDays(13)));
        assertEquals(4, current.exitCode(), current.toString());
        assertTrue(
                current.err()
                        .startsWith(
                                "ACTION REQUIRED: the installed list in " + mirror + " expires at"),
                current.err());
        assertTrue(current.err().contains("The source has nothing newer"), current.err());

        // The source breaks after expiry: the fetch error, then ACTION REQUIRED, exit 4, nothing
        // changed.
        Files.delete(source.resolve("policy.json.asc"));
        CliRun broken = refused(4, at(0).plus(Duration.ofDays(15)));
        assertTrue(broken.err().contains("mirror: cannot fetch"), broken.err());
        assertTrue(
                broken.err()
                        .contains(
                                "ACTION REQUIRED: the installed list in "
                                        + mirror
                                        + " expired at 2026-11-15T00:00:00Z"),
                broken.err());
        assertTrue(broken.err().contains("Fix the cause above"), broken.err());
    }

    @Test
    // "try": the lock is only held, never referenced, while the second run tries to take it.
    @SuppressWarnings("try")
    void aSecondRunWaitsForTheLockOrGivesUp() throws Exception {
        publishSigned(at(0), 1);
        Files.createDirectories(mirror);
        try (MirrorLock held = MirrorLock.acquire(mirror.resolve(".lock"), Duration.ZERO)) {
            CliRun run = refused(3, at(1), "--lock-wait", "0");
            assertTrue(
                    run.err().contains("another mirror run holds " + mirror.resolve(".lock")),
                    run.err());
        }
        assertEquals(0, mirrorAt(at(1), "--lock-wait", "0").exitCode());
    }

    @Test
    void aMirrorCanMirrorAnotherMirror() throws Exception {
        byte[] list = publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Path second = tmp.resolve("second");
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--from",
                        mirror.toString(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        second.toString(),
                        "--now",
                        ListTimes.format(at(1)));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(list, TestLists.installedList(second));
    }

    @Test
    void usageErrors() {
        assertEquals(2, CliRun.of("mirror", "--into", mirror.toString()).exitCode());
        CliRun http =
                CliRun.of(
                        "mirror",
                        "--from",
                        "http://example.com/",
                        "--keys",
                        "k.asc",
                        "--into",
                        mirror.toString());
        assertEquals(2, http.exitCode(), http.toString());
        assertTrue(http.err().contains("plain http is not accepted"), http.err());
        assertFalse(Files.exists(mirror));
    }

    @Test
    void printScheduleShowsATimerEverySixHoursWithARandomDelayAndACronLine() {
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--print-schedule",
                        "--from",
                        "https://lists.example/starttls/",
                        "--keys",
                        "/etc/starttls-list/keys/maint.asc",
                        "--into",
                        "/var/lib/starttls-list");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("OnCalendar=00/6:00"), run.out());
        assertTrue(run.out().contains("RandomizedDelaySec=1h"), run.out());
        // The flags become the settings file the units read.
        assertTrue(
                run.out()
                        .contains(
                                "from = https://lists.example/starttls/\nkeys = /etc/starttls-list/keys/maint.asc\n"
                                        + "into = /var/lib/starttls-list\n"),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "ExecStart=/usr/bin/starttls-list --quiet mirror --config /etc/starttls-list/mirror.conf"),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "17 */6 * * * root sleep $(shuf -i 0-3599 -n 1); runuser -u starttls-list -- "
                                        + "/usr/bin/starttls-list --quiet mirror --config /etc/starttls-list/mirror.conf"),
                run.out());
    }
}
