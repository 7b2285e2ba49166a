package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;

/**
 * Issue #9, finding 1 and 3: everything inside the mirror directory is untrusted. A link planted
 * there never makes the mirror write, create or delete outside it, and a source that is not a
 * regular file cannot hang a run.
 */
class MirrorDirectorySafetyTest {
    @TempDir static Path keys;
    static MaintainerKey maintainer;

    @TempDir Path tmp;
    Path source;
    Path mirror;
    Path outside;

    @BeforeAll
    static void makeKeys() throws Exception {
        maintainer = MaintainerKey.create(keys, "maintainer", TestLists.KEY_CREATED);
    }

    @BeforeEach
    void paths() throws IOException {
        source = tmp.resolve("source");
        mirror = tmp.resolve("mirror");
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    byte[] publishSigned(Instant timestamp, int domains) {
        byte[] list = TestLists.list(timestamp, domains);
        try {
            TestLists.publish(source, list, maintainer.sign(list, timestamp));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return list;
    }

    CliRun mirrorAt(Instant now, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "mirror",
                                "--from",
                                source.toString(),
                                "--keys",
                                maintainer.publicKey().toString(),
                                "--into",
                                mirror.toString(),
                                "--now",
                                ListTimes.format(now)));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Directories that look like old releases, outside the mirror directory. */
    void fillOutside() throws IOException {
        for (String name :
                List.of(
                        "20200101T000000Z-aaaaaaaaaaaa",
                        "20200102T000000Z-bbbbbbbbbbbb",
                        "important")) {
            Path dir = Files.createDirectories(outside.resolve(name));
            Files.writeString(dir.resolve("policy.json"), "not the mirror's");
        }
    }

    static void assertOneLineEach(CliRun run) {
        for (String line : run.err().strip().split("\n")) {
            assertFalse(line.startsWith("\tat "), run.toString());
        }
        assertFalse(run.err().contains("internal error"), run.toString());
    }

    @Test
    void aReleasesLinkToAnotherDirectoryIsRefusedAndNothingThereIsWrittenOrDeleted()
            throws Exception {
        fillOutside();
        Map<String, String> before = TestLists.snapshot(outside);
        Files.createDirectories(mirror);
        Files.createSymbolicLink(mirror.resolve("releases"), outside);
        publishSigned(at(0), 1);
        CliRun run = mirrorAt(at(1), "--keep", "1");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                mirror.resolve("releases")
                                        + " is a symbolic link, which the mirror never makes"),
                run.err());
        assertOneLineEach(run);
        assertEquals(before, TestLists.snapshot(outside));
        assertFalse(Files.exists(mirror.resolve("current"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aReleasesLinkSwappedInAfterAnInstallIsRefusedWithTheStaleAlert() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        fillOutside();
        // Someone moves the releases away and links the name to another directory.
        Files.move(mirror.resolve("releases"), tmp.resolve("moved"));
        Files.createSymbolicLink(mirror.resolve("releases"), outside);
        Map<String, String> before = TestLists.snapshot(outside);
        publishSigned(at(6), 2);
        CliRun run = mirrorAt(at(7), "--keep", "1");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("is a symbolic link, which the mirror never makes"), run.err());
        assertTrue(
                run.err()
                        .contains(
                                "ACTION REQUIRED: cannot tell whether the list installed in "
                                        + mirror),
                run.err());
        assertEquals(before, TestLists.snapshot(outside));
    }

    @Test
    void aDanglingLockLinkCreatesNothingAtItsTarget() throws Exception {
        Files.createDirectories(mirror);
        Path target = outside.resolve("created-by-mirror");
        Files.createSymbolicLink(mirror.resolve(".lock"), target);
        publishSigned(at(0), 1);
        CliRun run = mirrorAt(at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(mirror.resolve(".lock") + " is a symbolic link"), run.err());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(mirror.resolve("releases")));
    }

    @Test
    void aLockThatIsAFifoIsRefusedInsteadOfBlocking() throws Exception {
        Files.createDirectories(mirror);
        mkfifo(mirror.resolve(".lock"));
        publishSigned(at(0), 1);
        CliRun run = mirrorAt(at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(".lock is not a regular file"), run.err());
    }

    @Test
    void aCurrentLinkPointingOutsideIsNeverFollowed() throws Exception {
        fillOutside();
        Files.createDirectories(mirror);
        Files.createSymbolicLink(mirror.resolve("current"), outside.resolve("important"));
        Map<String, String> before = TestLists.snapshot(outside);
        publishSigned(at(0), 1);
        CliRun run = mirrorAt(at(1));
        assertTrue(run.exitCode() == 3 || run.exitCode() == 4, run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "points to "
                                        + outside.resolve("important")
                                        + ", not to releases/<name>"),
                run.err());
        assertEquals(before, TestLists.snapshot(outside));
        assertFalse(Files.exists(mirror.resolve("releases")));
    }

    @Test
    void aCacheLinkIsRefusedForAGitSource() throws Exception {
        Files.createDirectories(mirror);
        Files.createSymbolicLink(mirror.resolve(".cache"), outside);
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--from",
                        tmp.resolve("remote.git").toUri().toString(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        ListTimes.format(at(1)));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(".cache is a symbolic link"), run.err());
        try (var entries = Files.list(outside)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void aLinkInsideTheGitCacheIsRefused() throws Exception {
        Path cache = Files.createDirectories(mirror.resolve(".cache/git"));
        Files.createSymbolicLink(cache.resolve("objects"), outside);
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--from",
                        tmp.resolve("remote.git").toUri().toString(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        ListTimes.format(at(1)));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(".cache/git/objects is a symbolic link"), run.err());
        try (var entries = Files.list(outside)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void pruningRemovesOnlyWhatTheMirrorMade() throws Exception {
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1)).exitCode());
        Path first = Files.readSymbolicLink(mirror.resolve("current"));
        Files.writeString(mirror.resolve(first).resolve("operator-notes.txt"), "mine");
        fillOutside();
        Files.createSymbolicLink(
                mirror.resolve("releases/20200103T000000Z-cccccccccccc"),
                outside.resolve("important"));
        Map<String, String> before = TestLists.snapshot(outside);
        for (int i = 1; i <= 2; i++) {
            byte[] list = publishSigned(at(i * 6), i + 1);
            CliRun run = mirrorAt(at(i * 6 + 1), "--keep", "1");
            assertEquals(0, run.exitCode(), run.toString());
            assertArrayEquals(list, TestLists.installedList(mirror));
            if (i == 1) {
                assertTrue(
                        run.out()
                                .contains(
                                        "note: left "
                                                + mirror.resolve(first)
                                                + " in place: it holds files the mirror did not write"),
                        run.out());
            }
        }
        assertTrue(Files.exists(mirror.resolve(first).resolve("operator-notes.txt")));
        assertTrue(Files.isSymbolicLink(mirror.resolve("releases/20200103T000000Z-cccccccccccc")));
        assertEquals(before, TestLists.snapshot(outside));
    }

    @Test
    void aFifoInTheSourceIsRefusedAndTheLockIsFreeAfterwards() throws Exception {
        Files.createDirectories(source);
        mkfifo(source.resolve("policy.json"));
        Files.write(source.resolve("policy.json.asc"), new byte[] {1});
        long started = System.nanoTime();
        CliRun run = mirrorAt(at(1), "--timeout", "5");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not a regular file"), run.err());
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30))
                        < 0);
        Files.delete(source.resolve("policy.json"));
        publishSigned(at(0), 1);
        assertEquals(0, mirrorAt(at(1), "--lock-wait", "0").exitCode());
    }

    @Test
    void aSourceFileThatBlocksIsAbandonedAtTheDeadline() throws Exception {
        // A FIFO swapped in after the check (or a hung file system): the read blocks; the deadline
        // ends the fetch.
        Files.createDirectories(source);
        Path fifo = source.resolve("policy.json");
        mkfifo(fifo);
        DirectorySource blocking =
                new DirectorySource(source, Duration.ofSeconds(1)) {
                    @Override
                    ListPair readPair(FetchLimits limits) {
                        try {
                            return new ListPair(Files.readAllBytes(fifo), new byte[0], "blocked");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };
        FetchFailedException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        FetchFailedException.class, () -> blocking.fetch(FetchLimits.defaults()));
        assertTrue(e.getMessage().contains("could not be read within 1 s"), e.getMessage());
        Files.write(fifo, new byte[0]); // opens the other end, so the abandoned reader ends too
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
    }
}
