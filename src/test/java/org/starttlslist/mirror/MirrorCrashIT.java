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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir static Path shared;
    static MaintainerKey maintainer;

    @BeforeAll
    static void makeKey() throws Exception {
        maintainer = MaintainerKey.create(shared, "maintainer", TestLists.KEY_CREATED);
    }

    static List<String> javaCommand() {
        Path jar = Path.of("target", "starttls-list.jar");
        String classPath =
                Files.exists(jar)
                        ? jar.toAbsolutePath().toString()
                        : System.getProperty("java.class.path");
        return new ArrayList<>(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        classPath,
                        "org.starttlslist.cli.Main"));
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
        int midInstall = 0;
        java.util.Map<Moment, Integer> killedAt = new java.util.EnumMap<>(Moment.class);
        for (int i = 0; i < ITERATIONS; i++) {
            TestLists.publish(source, lists.get(i), signatures.get(i));
            Set<String> before = entries(mirror);
            String currentBefore = currentName(mirror);
            List<String> command = javaCommand();
            command.addAll(
                    List.of(
                            "mirror",
                            "--from",
                            source.toString(),
                            "--keys",
                            maintainer.publicKey().toString(),
                            "--into",
                            mirror.toString(),
                            "--now",
                            ListTimes.format(at(i).plusSeconds(60)),
                            "--keep",
                            "3"));
            Process process =
                    new ProcessBuilder(command)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(tmp.resolve("err-" + i).toFile())
                            .start();
            long started = System.nanoTime();
            if (i == 0) {
                // The first run is not killed: it measures how long a whole run takes here.
                assertEquals(0, process.waitFor(), Files.readString(tmp.resolve("err-0")));
                fullRunMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            }
            // Half the kills come after a random delay (anywhere in a run, on a loaded machine
            // too);
            // the others the moment the run is seen inside an install: a staging directory, a new
            // release directory, or the new link, each caught at a random point of its writing.
            Moment moment =
                    i == 0
                            ? Moment.DELAY
                            : random.nextBoolean()
                                    ? Moment.DELAY
                                    : Moment.values()[
                                            1 + random.nextInt(Moment.values().length - 1)];
            boolean kill;
            if (moment == Moment.DELAY) {
                kill =
                        !process.waitFor(
                                (long) (fullRunMillis * 1.5 * random.nextDouble()),
                                TimeUnit.MILLISECONDS);
            } else {
                kill = false;
                while (process.isAlive() && !kill) {
                    kill = moment.seen(mirror, before);
                    Thread.onSpinWait();
                }
            }
            if (kill) {
                process.destroyForcibly(); // SIGKILL on Unix
                killed++;
                killedAt.merge(moment, 1, Integer::sum);
            }
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            Set<String> after = entries(mirror);
            if (currentName(mirror).equals(currentBefore) && !before.containsAll(after)) {
                midInstall++; // it wrote part of a release, but was killed before the switch
            }
            Optional<Instant> installed = checkInstalledPair(mirror, at(i).plusSeconds(60));
            if (installed.isPresent()) {
                assertFalse(
                        installed.get().isBefore(newestSeen),
                        "iteration " + i + ": the installed list went back in time");
                if (installed.get().isAfter(newestSeen)) {
                    switched++;
                }
                newestSeen = installed.get();
            }
        }
        assertTrue(killed > 0, "no run was killed; the delays are too long for this machine");
        // A last run, not killed, installs the newest list and cleans up what the killed runs left.
        CliRun last =
                CliRun.of(
                        "mirror",
                        "--from",
                        source.toString(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        ListTimes.format(at(ITERATIONS)),
                        "--keep",
                        "3");
        assertEquals(0, last.exitCode(), last.toString());
        assertArrayEquals(lists.get(ITERATIONS - 1), TestLists.installedList(mirror));
        try (var entries = Files.list(mirror)) {
            assertEquals(
                    List.of(".lock", "current", "releases"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "stray links or files were left in " + mirror);
        }
        try (var releases = Files.list(mirror.resolve("releases"))) {
            assertTrue(
                    releases.noneMatch(p -> p.getFileName().toString().startsWith(".")),
                    "a staging directory was left");
        }
        System.out.println(
                "MirrorCrashIT: "
                        + killed
                        + " of "
                        + ITERATIONS
                        + " runs killed "
                        + killedAt
                        + ", "
                        + midInstall
                        + " left a release that was never switched to, current switched "
                        + switched
                        + " times (seed "
                        + SEED
                        + ", a whole run took "
                        + fullRunMillis
                        + " ms)");
    }

    /**
     * The pair current points to verifies; returns its timestamp, or empty before the first
     * install.
     */
    private static Optional<Instant> checkInstalledPair(Path mirror, Instant now) throws Exception {
        Path current = mirror.resolve("current");
        if (!Files.exists(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            assertFalse(
                    Files.exists(mirror.resolve("releases")) && hasRelease(mirror),
                    "releases exist but current does not");
            return Optional.empty();
        }
        Path release = current.toRealPath();
        byte[] list = Files.readAllBytes(release.resolve("policy.json"));
        byte[] signature = Files.readAllBytes(release.resolve("policy.json.asc"));
        ListVerifier.verify(
                list,
                signature,
                ListVerifier.Options.of(
                        org.starttlslist.verify.PinnedKeys.load(List.of(maintainer.publicKey())),
                        now));
        return Optional.of(PolicyListParser.parse(list).timestamp());
    }

    /** When to kill a run. */
    enum Moment {
        DELAY,
        STAGING_DIRECTORY,
        NEW_RELEASE_DIRECTORY,
        NEW_LINK;

        boolean seen(Path mirror, Set<String> before) throws java.io.IOException {
            for (String name : entries(mirror)) {
                boolean hit =
                        switch (this) {
                            case STAGING_DIRECTORY -> name.startsWith("releases/.staging-");
                            case NEW_RELEASE_DIRECTORY ->
                                    name.startsWith("releases/")
                                            && !name.startsWith("releases/.")
                                            && !before.contains(name);
                            case NEW_LINK -> name.startsWith("current.tmp-");
                            case DELAY -> false;
                        };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The names in the mirror directory and in its releases/. */
    private static Set<String> entries(Path mirror) throws java.io.IOException {
        Set<String> names = new java.util.TreeSet<>();
        for (Path dir : List.of(mirror, mirror.resolve("releases"))) {
            if (Files.isDirectory(dir)) {
                try (var list = Files.list(dir)) {
                    list.forEach(p -> names.add(mirror.relativize(p).toString()));
                }
            }
        }
        return names;
    }

    private static String currentName(Path mirror) throws java.io.IOException {
        Path current = mirror.resolve("current");
        return Files.exists(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? Files.readSymbolicLink(current).toString()
                : "";
    }

    @Test
    void twoProgramsAtOnceAreSerialisedByTheLock(@TempDir Path tmp) throws Exception {
        byte[] list = TestLists.list(at(0), 2_000);
        Path source = TestLists.publish(tmp.resolve("source"), list, maintainer.sign(list, at(0)));
        Path mirror = tmp.resolve("mirror");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> command = javaCommand();
            command.addAll(
                    List.of(
                            "mirror",
                            "--from",
                            source.toString(),
                            "--keys",
                            maintainer.publicKey().toString(),
                            "--into",
                            mirror.toString(),
                            "--now",
                            ListTimes.format(at(1))));
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process process : processes) {
            String out =
                    new String(
                            process.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), out);
            outputs.add(out);
        }
        assertEquals(
                1,
                outputs.stream().filter(o -> o.startsWith("Installed")).count(),
                String.join("\n", outputs));
        assertEquals(
                1,
                outputs.stream().filter(o -> o.startsWith("Already current")).count(),
                String.join("\n", outputs));
        assertArrayEquals(list, TestLists.installedList(mirror));
    }

    private static boolean hasRelease(Path mirror) throws java.io.IOException {
        try (var releases = Files.list(mirror.resolve("releases"))) {
            return releases.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        }
    }
}
