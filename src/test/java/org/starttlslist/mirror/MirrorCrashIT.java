package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.export.ListExporter;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.verify.ListVerifier;

/**
 * Crash safety: the mirror runs in a child JVM (the built program) and is killed with SIGKILL at
 * seeded random moments while it installs ever newer lists. After every kill, the installed pair
 * verifies and is never older than before; the next run repairs whatever the killed one left.
 */
class MirrorCrashIT {
    static final int ITERATIONS = 30;
    static final long SEED = 20261128L;

    @TempDir
    static Path shared;
    static GpgTestKey maintainer;

    @BeforeAll
    static void makeKey() throws Exception {
        maintainer = GpgTestKey.create(shared, "maintainer", TestLists.KEY_CREATED);
    }

    static List<String> javaCommand() {
        Path jar = Path.of("target", "starttls-list.jar");
        String classPath = Files.exists(jar) ? jar.toAbsolutePath().toString() : System.getProperty("java.class.path");
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath, "org.starttlslist.cli.Main"));
    }

    @Test
    void killedInstallsNeverLeaveAMixedOrOlderList(@TempDir Path tmp) throws Exception {
        Path source = tmp.resolve("source");
        Path mirror = tmp.resolve("mirror");
        Random random = new Random(SEED);
        // Large enough that writing and verifying take a while, so kills land inside installs.
        List<byte[]> lists = new ArrayList<>();
        List<byte[]> signatures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] list = TestLists.list(at(i), 5_000 + i);
            lists.add(list);
            signatures.add(maintainer.sign(list, at(i)));
        }
        Instant newestSeen = Instant.EPOCH;
        int killed = 0;
        long fullRunMillis = 0;
        int switched = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            TestLists.publish(source, lists.get(i), signatures.get(i));
            List<String> command = javaCommand();
            command.addAll(List.of("mirror", "--from", source.toString(), "--keys", maintainer.publicKey().toString(),
                    "--into", mirror.toString(), "--now", ListTimes.format(at(i).plusSeconds(60)), "--keep", "3"));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(tmp.resolve("err-" + i).toFile())
                    .start();
            long started = System.nanoTime();
            if (i == 0) {
                // The first run is not killed: it measures how long a whole run takes here, so the
                // kills below spread over JVM start, fetch, verification and the install itself.
                assertEquals(0, process.waitFor(), Files.readString(tmp.resolve("err-0")));
                fullRunMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            }
            long delay = (long) (fullRunMillis * (0.3 + 1.2 * random.nextDouble()));
            if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly(); // SIGKILL on Unix
                killed++;
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            Optional<Instant> installed = checkInstalledPair(mirror, at(i).plusSeconds(60));
            if (installed.isPresent()) {
                assertFalse(installed.get().isBefore(newestSeen), "iteration " + i + ": the installed list went back in time");
                if (installed.get().isAfter(newestSeen)) {
                    switched++;
                }
                newestSeen = installed.get();
            }
        }
        assertTrue(killed > 0, "no run was killed; the delays are too long for this machine");
        // A last run, not killed, installs the newest list and cleans up what the killed runs left.
        CliRun last = CliRun.of("mirror", "--from", source.toString(), "--keys", maintainer.publicKey().toString(),
                "--into", mirror.toString(), "--now", ListTimes.format(at(ITERATIONS)), "--keep", "3");
        assertEquals(0, last.exitCode(), last.toString());
        assertArrayEquals(lists.get(ITERATIONS - 1), TestLists.installedList(mirror));
        try (var entries = Files.list(mirror)) {
            assertEquals(List.of(".lock", "current", "releases"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "stray links or files were left in " + mirror);
        }
        try (var releases = Files.list(mirror.resolve("releases"))) {
            assertTrue(releases.noneMatch(p -> p.getFileName().toString().startsWith(".")), "a staging directory was left");
        }
        System.out.println("MirrorCrashIT: " + killed + " of " + ITERATIONS + " runs killed, current switched "
                + switched + " times (seed " + SEED
                + ", a whole run took " + fullRunMillis + " ms)");
    }

    /** The pair current points to verifies; returns its timestamp, or empty before the first install. */
    private static Optional<Instant> checkInstalledPair(Path mirror, Instant now) throws Exception {
        Path current = mirror.resolve("current");
        if (!Files.exists(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            assertFalse(Files.exists(mirror.resolve("releases")) && hasRelease(mirror), "releases exist but current does not");
            return Optional.empty();
        }
        Path release = current.toRealPath();
        byte[] list = Files.readAllBytes(release.resolve("policy.json"));
        byte[] signature = Files.readAllBytes(release.resolve("policy.json.asc"));
        ListVerifier.verify(list, signature, new ListVerifier.Options(List.of(maintainer.publicKey()), now, 1,
                ListExporter.SKEW, Optional.empty()));
        return Optional.of(PolicyListParser.parse(list).timestamp());
    }

    private static boolean hasRelease(Path mirror) throws java.io.IOException {
        try (var releases = Files.list(mirror.resolve("releases"))) {
            return releases.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }
}
