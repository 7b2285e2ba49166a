package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.verify.ListVerifier;

/**
 * The attacks of issue #17 on release, publish and status, each reproduced: what a release pushes
 * is the committed, verified pair, newer than the remote's, on the release branch, under a signed
 * tag, valid at the real time. Races are driven through a passphrase FIFO the test holds: opening
 * it for writing returns only once the release is waiting for the passphrase (past its preflight,
 * holding its lock), and the release goes on only when the test writes.
 */
@ExtendWith(GitConfigIsolation.class)
class ReleaseHardeningTest {
    /** An hour before the clock, on the second: releases here use --allow-now-far-from-clock. */
    // One base instant for the whole class, near the real clock (release refuses a --now far from
    // it), by design.
    @SuppressWarnings("TimeInStaticInitializer")
    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    /**
     * Everything a refusal must leave as it was: local refs, index, working tree, the remote's
     * refs.
     */
    private record State(
            Map<String, String> refs,
            String index,
            Map<String, String> files,
            Map<String, String> remote) {
        static State of(ListRepoFixture fixture) {
            try {
                Path index = fixture.list.resolve(".git/index");
                return new State(
                        ListRepoFixture.refs(fixture.list),
                        Files.exists(index)
                                ? java.util.HexFormat.of().formatHex(Files.readAllBytes(index))
                                : "",
                        ListRepoFixture.files(fixture.list),
                        ListRepoFixture.refs(fixture.remote));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String at(Duration after) {
        return ListTimes.format(BASE.plus(after));
    }

    private Path passphraseFile() throws IOException {
        Path file = dir.resolve("passphrase");
        Files.writeString(file, TestKeys.PASSPHRASE + "\n");
        return file;
    }

    private Path secretKeyFile() throws IOException {
        Path file = dir.resolve("maintainer.secret.asc");
        if (!Files.exists(file)) {
            Files.writeString(file, TestKeys.text(key.secretKey()));
        }
        return file;
    }

    private List<String> releaseArgs(Path list, Path passphrase, String now, String... more)
            throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-C",
                                list.toString(),
                                "release",
                                "--key",
                                secretKeyFile().toString(),
                                "--passphrase-file",
                                passphrase.toString(),
                                "--now",
                                now,
                                "--allow-now-far-from-clock"));
        args.addAll(List.of(more));
        return args;
    }

    private CliRun release(ListRepoFixture fixture, String now, String... more) throws IOException {
        return CliRun.of(
                releaseArgs(fixture.list, passphraseFile(), now, more).toArray(String[]::new));
    }

    private CliRun cli(ListRepoFixture fixture, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", fixture.list.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static void assertUnchanged(State before, ListRepoFixture fixture) {
        State after = State.of(fixture);
        assertEquals(before.refs(), after.refs(), "local refs as before");
        assertEquals(before.index(), after.index(), "index as before");
        assertEquals(before.files(), after.files(), "working tree as before");
        assertEquals(before.remote(), after.remote(), "remote's refs as before");
    }

    /** The list and signature on the remote's main, verified as a mirror would. */
    private static ListVerifier.Verified verifyRemote(ListRepoFixture fixture) throws IOException {
        try (Git remote = Git.open(fixture.remote.toFile())) {
            var tree =
                    CommittedTree.of(
                            remote.getRepository(),
                            remote.getRepository().resolve("refs/heads/main"));
            PublishedPair pair = tree.publishedPair().orElseThrow();
            Path keyFile =
                    key.writePublic(
                            Files.createDirectories(fixture.list.getParent().resolve("pinned")));
            return ListVerifier.verify(
                    pair.list(),
                    pair.signature(),
                    ListVerifier.Options.of(
                            org.starttlslist.verify.PinnedKeys.load(List.of(keyFile)),
                            Instant.now()));
        }
    }

    // ---- the passphrase FIFO -------------------------------------------------------------------

    private static Path fifo(Path path) throws Exception {
        Process mkfifo =
                new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertEquals(
                0,
                mkfifo.waitFor(),
                new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return path;
    }

    /**
     * A release started in the background with its passphrase read from {@code fifo}; returns once
     * it waits for the passphrase. {@link Paused#resume()} gives it the passphrase.
     */
    private Paused startPaused(ListRepoFixture fixture, Path fifo, String now) throws Exception {
        List<String> args = releaseArgs(fixture.list, fifo, now);
        CompletableFuture<CliRun> run =
                CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)));
        CompletableFuture<OutputStream> writer =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return Files.newOutputStream(fifo);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        CompletableFuture.anyOf(run, writer).get(120, TimeUnit.SECONDS);
        if (run.isDone()) {
            // It ended before asking: free the writer thread, then report why.
            Files.newInputStream(fifo).close();
            fail("the release ended before asking for the passphrase: " + run.get());
        }
        return new Paused(run, writer.get());
    }

    private record Paused(CompletableFuture<CliRun> run, OutputStream passphrase) {
        CliRun resume() throws Exception {
            passphrase.write((TestKeys.PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
            passphrase.close();
            return run.get(120, TimeUnit.SECONDS);
        }
    }

    // ---- 1. built from the commit ---------------------------------------------------------------

    @Test
    void aPolicyFileHiddenByInfoExcludeIsNeverReleased() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.createDirectories(fixture.list.resolve(".git/info"));
        Files.writeString(
                fixture.list.resolve(".git/info/exclude"), "policies/hidden.example.json\n");
        Files.writeString(
                fixture.list.resolve("policies/hidden.example.json"),
                "{\"contact\": \"postmaster@hidden.example\", \"mode\": \"enforce\", \"mxs\": [\"mx.hidden.example\"]}\n");
        State before = State.of(fixture);
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "policies/hidden.example.json (ignored by git, so it would not be released)"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    void anEditUnderAssumeUnchangedIsNeverReleased() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path policy;
        try (var files = Files.list(fixture.list.resolve("policies"))) {
            policy =
                    files.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .findFirst()
                            .orElseThrow();
        }
        String relative = "policies/" + policy.getFileName();
        Files.writeString(policy, Files.readString(policy).replace("\"testing\"", "\"enforce\""));
        try (Git git = fixture.git()) {
            DirCache index = git.getRepository().lockDirCache();
            index.getEntry(relative).setAssumeValid(true);
            index.write();
            assertTrue(index.commit());
            assertTrue(git.status().call().isClean(), "git status no longer shows the edit");
        }
        State before = State.of(fixture);
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains(relative + " (marked assume-unchanged"), run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    // "try": the snapshot is closed inside its try block on purpose, to see that closing removes
    // it.
    @SuppressWarnings("try")
    void theListIsBuiltFromTheCommitsTreeNotTheWorkingTree() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            var head = git.getRepository().resolve("HEAD");
            CommittedTree tree = CommittedTree.of(git.getRepository(), head);
            // A file only the working tree has, and one it changed: neither is in the snapshot.
            Files.writeString(fixture.list.resolve("policies/only-here.example.json"), "{}\n");
            try (CommittedTree.Snapshot snapshot = tree.snapshot()) {
                assertTrue(
                        Files.notExists(
                                snapshot.repository()
                                        .policiesDir()
                                        .resolve("only-here.example.json")));
                assertArrayEquals(
                        tree.blob("release/config.json").orElseThrow(),
                        Files.readAllBytes(snapshot.repository().configFile()));
                assertFalse(
                        snapshot.repository().root().startsWith(fixture.list),
                        "the snapshot is outside the clone");
                Path root = snapshot.repository().root();
                snapshot.close();
                assertTrue(Files.notExists(root), "the snapshot is removed");
            }
        }
    }

    @Test
    void aCommittedSymlinkInPoliciesIsRefusedNotFollowed() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path outside =
                Files.writeString(
                        dir.resolve("outside.json"),
                        "{\"contact\": \"postmaster@outside.example\", \"mode\": \"enforce\", \"mxs\": [\"mx.outside.example\"]}\n");
        Files.createSymbolicLink(fixture.list.resolve("policies/outside.example.json"), outside);
        try (Git git = fixture.git()) {
            git.add().addFilepattern("policies/outside.example.json").call();
            ListRepoFixture.commit(git, "A link to a file outside the repository");
            git.push().call();
        }
        State before = State.of(fixture);
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("policies/outside.example.json is a symbolic link in commit"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    // ---- 2. two releases in one clone; the remote re-checked before the push -------------------

    @Test
    void aSecondReleaseInTheSameCloneIsRefusedWhileTheFirstRuns() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Paused first =
                startPaused(fixture, fifo(dir.resolve("passphrase.fifo")), at(Duration.ZERO));
        State during = State.of(fixture);
        CliRun second = release(fixture, at(Duration.ofMinutes(30)));
        assertEquals(3, second.exitCode(), second.toString());
        assertTrue(
                second.err().contains("another release or publish is running in this clone"),
                second.toString());
        assertUnchanged(during, fixture);

        CliRun done = first.resume();
        assertEquals(0, done.exitCode(), done.toString());
        assertEquals(BASE, verifyRemote(fixture).list().timestamp());
    }

    @Test
    void aNewerListPushedElsewhereDuringTheReleaseIsNeverRolledBack() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path other = dir.resolve("other");
        Git.cloneRepository()
                .setURI(fixture.remote.toUri().toString())
                .setDirectory(other.toFile())
                .call()
                .close();

        Paused older =
                startPaused(fixture, fifo(dir.resolve("passphrase.fifo")), at(Duration.ZERO));
        State before = State.of(fixture);
        CliRun newer =
                CliRun.of(
                        releaseArgs(other, passphraseFile(), at(Duration.ofMinutes(30)))
                                .toArray(String[]::new));
        assertEquals(0, newer.exitCode(), newer.toString());
        Map<String, String> remoteWithNewer = ListRepoFixture.refs(fixture.remote);

        CliRun refused = older.resume();
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err()
                        .contains(
                                "is not later than the published list's "
                                        + at(Duration.ofMinutes(30))
                                        + " (origin/main)"),
                refused.toString());
        // Only the fetched tracking ref moved; the local branch, tags, index and files did not.
        State after = State.of(fixture);
        Map<String, String> refs = new java.util.TreeMap<>(after.refs());
        refs.put("refs/remotes/origin/main", before.refs().get("refs/remotes/origin/main"));
        assertEquals(before.refs(), refs);
        assertEquals(before.index(), after.index());
        assertEquals(before.files(), after.files());
        assertEquals(remoteWithNewer, after.remote());
        assertEquals(BASE.plus(Duration.ofMinutes(30)), verifyRemote(fixture).list().timestamp());
    }

    // ---- 3. compare-and-swap on the checked branch ----------------------------------------------

    @Test
    void aCheckoutDuringThePassphraseWaitIsRefused() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Paused release =
                startPaused(fixture, fifo(dir.resolve("passphrase.fifo")), at(Duration.ZERO));
        try (Git git = fixture.git()) {
            git.checkout().setCreateBranch(true).setName("feature").call();
        }
        State before = State.of(fixture);
        CliRun run = release.resume();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("the release branch changed during the release: it was main at"),
                run.toString());
        assertTrue(run.err().contains("HEAD is feature"), run.toString());
        assertFalse(run.out().contains("released"), run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    void aCommitOnTheBranchDuringThePassphraseWaitIsRefused() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Paused release =
                startPaused(fixture, fifo(dir.resolve("passphrase.fifo")), at(Duration.ZERO));
        try (Git git = fixture.git()) {
            Files.writeString(fixture.list.resolve("notes.md"), "meanwhile\n");
            git.add().addFilepattern("notes.md").call();
            ListRepoFixture.commit(git, "A commit during the release");
        }
        State before = State.of(fixture);
        CliRun run = release.resume();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("the release branch changed during the release"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    // ---- 4. the pushed pair is the verified one
    // --------------------------------------------------

    @Test
    void aCleanFilterInTheClonesConfigCannotChangeThePushedPair() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("filter", "evil", "clean", "sed s/testing/enforce/");
            config.save();
        }
        Files.createDirectories(fixture.list.resolve(".git/info"));
        Files.writeString(
                fixture.list.resolve(".git/info/attributes"), "release/policy.json filter=evil\n");
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(0, run.exitCode(), run.toString());
        ListVerifier.Verified pushed = verifyRemote(fixture);
        assertEquals(BASE, pushed.list().timestamp());
        assertTrue(
                pushed.list().count(org.starttlslist.model.Mode.TESTING) > 0,
                "the filter did not touch the pushed list");
    }

    @Test
    void publishPushesNothingWhenTheCommittedListDiffersFromAHiddenSignedCopy() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO), "--no-push").exitCode());
        String tag = Release.tagName(BASE);
        Path list = fixture.list.resolve("release/policy.json");
        byte[] signed = Files.readAllBytes(list);
        try (Git git = fixture.git()) {
            // A hand-edited list committed under an unsigned tag of the release's name...
            Files.writeString(
                    list,
                    new String(signed, StandardCharsets.UTF_8)
                            .replace("\"testing\"", "\"enforce\""));
            git.add().addFilepattern("release/policy.json").call();
            ListRepoFixture.commit(git, "hand edit");
            git.tagDelete().setTags(tag).call();
            git.tag()
                    .setName(tag)
                    .setAnnotated(true)
                    .setMessage("not signed\n")
                    .setSigned(false)
                    .setTagger(ListRepoFixture.SETUP)
                    .call();
            // ... while the working tree holds the signed copy, hidden from git status.
            Files.write(list, signed);
            DirCache index = git.getRepository().lockDirCache();
            index.getEntry("release/policy.json").setAssumeValid(true);
            index.write();
            assertTrue(index.commit());
        }
        State before = State.of(fixture);
        CliRun run = cli(fixture, "publish");
        assertEquals(1, run.exitCode(), run.toString());
        assertUnchanged(before, fixture);

        // Without the hidden copy, the committed pair itself is checked, and fails.
        try (Git git = fixture.git()) {
            DirCache index = git.getRepository().lockDirCache();
            index.getEntry("release/policy.json").setAssumeValid(false);
            index.write();
            assertTrue(index.commit());
            git.checkout().addPath("release/policy.json").call();
        }
        State clean = State.of(fixture);
        CliRun bad = cli(fixture, "publish");
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("does not pass verify"), bad.toString());
        assertUnchanged(clean, fixture);
    }

    // ---- 5. --now against the real clock
    // ---------------------------------------------------------

    @Test
    void aReleaseInstantFarFromTheClockNeedsTheOverride() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        State before = State.of(fixture);
        String future =
                ListTimes.format(
                        Instant.now()
                                .truncatedTo(ChronoUnit.SECONDS)
                                .plus(Duration.ofDays(5 * 365)));
        CliRun run =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "release",
                        "--key",
                        secretKeyFile().toString(),
                        "--passphrase-file",
                        passphraseFile().toString(),
                        "--now",
                        future);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--now " + future + " is "), run.toString());
        assertTrue(run.err().contains("add --allow-now-far-from-clock"), run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    void evenWithTheOverrideAListExpiredOrNotYetValidAtTheRealTimeIsRefused() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        // One-day lists, so that one dated two days ago is expired while its sources stay valid.
        Path config = fixture.list.resolve("release/config.json");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("\"validity-days\": 14", "\"validity-days\": 1")
                        .replace("\"minimum-validity-days\": 7", "\"minimum-validity-days\": 1"));
        try (Git git = fixture.git()) {
            git.add().addFilepattern("release/config.json").call();
            ListRepoFixture.commit(git, "One-day lists");
            git.push().call();
        }
        State before = State.of(fixture);
        CliRun expired =
                release(
                        fixture,
                        ListTimes.format(
                                Instant.now()
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .minus(Duration.ofDays(2))));
        assertEquals(1, expired.exitCode(), expired.toString());
        assertTrue(expired.err().contains("it has already expired"), expired.toString());
        assertTrue(
                expired.err().contains("WARNING: --allow-now-far-from-clock"), expired.toString());
        CliRun future = release(fixture, ListTimes.format(Instant.now().plus(Duration.ofDays(2))));
        assertEquals(1, future.exitCode(), future.toString());
        assertTrue(future.err().contains("its timestamp is in the future"), future.toString());
        assertUnchanged(before, fixture);
    }

    // ---- 6. deadlines ---------------------------------------------------------------------------

    @Test
    void aRemoteThatAcceptsAndNeverAnswersEndsInExitThree() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                while (!silent.isClosed()) {
                                    try {
                                        held.add(silent.accept());
                                    } catch (IOException e) {
                                        return;
                                    }
                                }
                            },
                            "silent-remote");
            acceptor.setDaemon(true);
            acceptor.start();
            try (Git git = fixture.git()) {
                git.remoteAdd()
                        .setName("silent")
                        .setUri(
                                new URIish(
                                        "git://127.0.0.1:" + silent.getLocalPort() + "/list.git"))
                        .call();
            }
            State before = State.of(fixture);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> {
                        CliRun status =
                                cli(fixture, "status", "--remote", "silent", "--timeout", "1");
                        assertEquals(3, status.exitCode(), status.toString());
                        assertTrue(
                                status.err()
                                        .contains(
                                                "could not fetch from 'silent': no answer within 1 s"),
                                status.toString());
                        CliRun release =
                                release(
                                        fixture,
                                        at(Duration.ZERO),
                                        "--remote",
                                        "silent",
                                        "--timeout",
                                        "1");
                        assertEquals(3, release.exitCode(), release.toString());
                        assertTrue(
                                release.err().contains("no answer within 1 s"), release.toString());
                        CliRun publish =
                                cli(fixture, "publish", "--remote", "silent", "--timeout", "1");
                        assertTrue(
                                publish.exitCode() == 3 || publish.exitCode() == 1,
                                publish.toString());
                    });
            assertUnchanged(before, fixture);
            assertFalse(held.isEmpty(), "the remote was really contacted");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    // ---- 7. a leftover index.lock and a killed release
    // --------------------------------------------

    @Test
    void aLeftoverIndexLockIsNamedWithTheWayToRecover() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path lock = fixture.list.resolve(".git/index.lock");
        Files.writeString(lock, "");
        State before = State.of(fixture);
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(
                1,
                run.err().lines().filter(line -> !line.startsWith("release: WARNING")).count(),
                run.toString());
        assertTrue(run.err().contains(".git/index.lock exists"), run.toString());
        assertTrue(run.err().contains("rm " + lock), run.toString());
        assertUnchanged(before, fixture);

        Files.delete(lock);
        assertEquals(0, release(fixture, at(Duration.ZERO)).exitCode());
    }

    @Test
    void aReleaseKilledWhileItHoldsTheLockLeavesNothingBehind() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path fifo = fifo(dir.resolve("passphrase.fifo"));
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "org.starttlslist.cli.Main"));
        command.addAll(releaseArgs(fixture.list, fifo, at(Duration.ZERO)));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        State before = State.of(fixture);
        Process child = builder.start();
        try {
            CompletableFuture<OutputStream> writer =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return Files.newOutputStream(fifo);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
            CompletableFuture.anyOf(writer, child.onExit()).get(120, TimeUnit.SECONDS);
            if (!writer.isDone()) {
                Files.newInputStream(fifo).close();
                fail(
                        "the child ended before asking for the passphrase: "
                                + Files.readString(dir.resolve("child.log")));
            }
            // The child waits for the passphrase, holding the release lock: kill it there.
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
            writer.get().close();
        } finally {
            child.destroyForcibly();
        }
        assertUnchanged(before, fixture);
        assertTrue(Files.notExists(fixture.list.resolve(".git/index.lock")));
        // The kernel dropped the lock with the process: the next release runs.
        CliRun next = release(fixture, at(Duration.ZERO));
        assertEquals(0, next.exitCode(), next.toString());
    }

    // ---- 11. committed blobs, whatever the working tree's line endings -------------------------

    @Test
    void statusAndPublishReadTheCommittedPairInACloneWithAutocrlf() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO), "--no-push").exitCode());
        try (Git git = fixture.git()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("core", null, "autocrlf", true);
            config.save();
        }
        // What a checkout with core.autocrlf=true makes of the pair.
        for (String file : List.of("release/policy.json", "release/policy.json.asc")) {
            Path path = fixture.list.resolve(file);
            Files.writeString(path, Files.readString(path).replace("\n", "\r\n"));
        }
        CliRun status = cli(fixture, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("status:    ok"), status.toString());
        CliRun publish = cli(fixture, "publish");
        assertEquals(0, publish.exitCode(), publish.toString());
        assertEquals(BASE, verifyRemote(fixture).list().timestamp());
    }

    // ---- 12. publish pushes only a maintainer-signed tag
    // ------------------------------------------

    @Test
    void publishRefusesAnUnsignedReleaseTag() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO), "--no-push").exitCode());
        String tag = Release.tagName(BASE);
        try (Git git = fixture.git()) {
            git.tagDelete().setTags(tag).call();
            git.tag()
                    .setName(tag)
                    .setAnnotated(true)
                    .setMessage("unsigned\n")
                    .setSigned(false)
                    .setTagger(ListRepoFixture.SETUP)
                    .call();
        }
        State before = State.of(fixture);
        CliRun run = cli(fixture, "publish");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "tag "
                                        + tag
                                        + " is not a release tag signed by a maintainer: it carries no OpenPGP signature"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    void publishRefusesATagSignedByAKeyThatIsNoMaintainer() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO), "--no-push").exitCode());
        String tag = Release.tagName(BASE);
        TestKey outsider = TestKeys.ed25519("outsider");
        try (Git git = fixture.git()) {
            git.tagDelete().setTags(tag).call();
            git.tag()
                    .setName(tag)
                    .setAnnotated(true)
                    .setMessage("signed by an outsider\n")
                    .setTagger(ListRepoFixture.SETUP)
                    .setSigned(true)
                    .setSigner(new OpenPgpTagSigner(outsider.signer(), BASE))
                    .setSigningKey(outsider.fingerprint())
                    .setGpgConfig(ReleaseTransaction.explicitGpgConfig())
                    .call();
        }
        State before = State.of(fixture);
        CliRun run = cli(fixture, "publish");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains("no signature was made by a key pinned in release/keys/"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    @Test
    void publishRequiresTheConfiguredThresholdNotOne() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO), "--no-push").exitCode());
        // A second maintainer joins and the threshold becomes 2, committed after the release: the
        // published pair carries one signature, so a mirror told "--threshold 2" would refuse it.
        TestKey second = TestKeys.ed25519("second-maintainer");
        Files.writeString(
                fixture.list.resolve("release/keys/" + second.fingerprint() + ".asc"),
                TestKeys.text(second.publicKey()));
        Path config = fixture.list.resolve("release/config.json");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace(
                                "\"maintainers\": [",
                                "\"threshold\": 2,\n  \"maintainers\": [{\"name\": \"second\","
                                        + " \"fingerprint\": \""
                                        + second.fingerprint()
                                        + "\"}, "));
        try (Git git = fixture.git()) {
            git.add().addFilepattern("release").call();
            ListRepoFixture.commit(git, "A second maintainer; threshold 2");
        }
        State before = State.of(fixture);
        CliRun run = cli(fixture, "publish");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "2 valid signatures from distinct pinned keys are required, found 1"),
                run.toString());
        assertUnchanged(before, fixture);
    }

    // ---- 13. hooks, status wording, --remote usage ----------------------------------------------

    @Test
    void noHookOfTheCloneRunsDuringARelease() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path hooks = Files.createDirectories(fixture.list.resolve(".git/hooks"));
        Path ran = dir.resolve("hooks-that-ran");
        for (String hook :
                List.of(
                        "pre-commit",
                        "commit-msg",
                        "post-commit",
                        "pre-push",
                        "reference-transaction",
                        "post-checkout")) {
            Path script = hooks.resolve(hook);
            Files.writeString(script, "#!/bin/sh\necho " + hook + " >> '" + ran + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        CliRun run = release(fixture, at(Duration.ZERO));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.notExists(ran), () -> "hooks ran: " + read(ran));
        assertEquals(BASE, verifyRemote(fixture).list().timestamp());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void statusNeverSaysOkForAListThatDoesNotVerify() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, at(Duration.ZERO)).exitCode());
        Path list = fixture.list.resolve("release/policy.json");
        Files.writeString(list, Files.readString(list).replace("\"testing\"", "\"enforce\""));
        try (Git git = fixture.git()) {
            git.add().addFilepattern("release/policy.json").call();
            ListRepoFixture.commit(git, "hand edit");
        }
        CliRun status = cli(fixture, "status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.out().contains("status:    BAD SIGNATURE"), status.toString());
        assertFalse(status.out().contains("status:    ok"), status.toString());
        assertEquals(
                1,
                status.out().lines().filter(line -> line.startsWith("status:")).count(),
                status.toString());
    }

    @Test
    void anUnknownRemoteIsAUsageError() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        State before = State.of(fixture);
        CliRun release = release(fixture, at(Duration.ZERO), "--remote", "nope");
        assertEquals(2, release.exitCode(), release.toString());
        assertTrue(
                release.err().contains("--remote nope: this clone has no git remote of that name"),
                release.toString());
        for (String command : List.of("publish", "status")) {
            CliRun run = cli(fixture, command, "--remote", "nope");
            assertEquals(2, run.exitCode(), run.toString());
            assertTrue(
                    run.err().contains("--remote nope: this clone has no git remote of that name"),
                    run.toString());
            assertFalse(run.err().contains("--no-push"), run.toString());
        }
        assertUnchanged(before, fixture);
    }
}
