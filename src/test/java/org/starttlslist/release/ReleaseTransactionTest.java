package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

@ExtendWith(GitConfigIsolation.class)
class ReleaseTransactionTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String TAG = "list-20261128T120000Z";
    private static final ReleaseTransaction.Identity WHO =
            new ReleaseTransaction.Identity("release bot", "release@example.invalid");

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    private ReleaseTransaction.Plan plan(Git git, boolean push) {
        return new ReleaseTransaction.Plan(
                Map.of(
                        "release/policy.json",
                        "{\"list\": 1}\n".getBytes(StandardCharsets.UTF_8),
                        "release/policy.json.asc",
                        "signature\n".getBytes(StandardCharsets.UTF_8)),
                "Release list 2026-11-28T12:00:00Z\n",
                TAG,
                "starttls-list release 2026-11-28T12:00:00Z\n",
                WHO,
                NOW,
                "main",
                head(git),
                push ? Optional.of(GitRemote.named(git, "origin")) : Optional.empty(),
                ReleaseTransaction.Checks.NONE);
    }

    private static org.eclipse.jgit.lib.ObjectId head(Git git) {
        try {
            return git.getRepository().resolve("refs/heads/main");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static OpenPgpTagSigner signer() {
        return new OpenPgpTagSigner(key.signer(), NOW);
    }

    @Test
    void releasesCommitAndSignedTagToTheRemote() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            var outcome =
                    new ReleaseTransaction(git, fixture.listRepository())
                            .run(plan(git, true), signer());
            assertTrue(outcome.pushed());
            Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
            assertEquals(outcome.commit().name(), remote.get("refs/heads/main"));
            assertEquals(outcome.tag().name(), remote.get("refs/tags/" + TAG));
            var commit = git.getRepository().parseCommit(outcome.commit());
            assertEquals("release bot", commit.getCommitterIdent().getName());
            assertEquals(NOW, commit.getCommitterIdent().getWhenAsInstant());
            assertEquals(1, commit.getParentCount());
            assertEquals(outcome.previousCommit(), commit.getParent(0).getId());
            String tagText =
                    new String(
                            git.getRepository().open(outcome.tag()).getBytes(),
                            StandardCharsets.UTF_8);
            assertTrue(tagText.contains("-----BEGIN PGP SIGNATURE-----"), tagText);
            assertTrue(
                    tagText.contains(
                            "tagger release bot <release@example.invalid> "
                                    + NOW.getEpochSecond()
                                    + " +0000"),
                    tagText);
            assertTrue(git.status().call().isClean());
        }
    }

    @Test
    void noPushLeavesTheRemoteAlone() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Map<String, String> remoteBefore = ListRepoFixture.refs(fixture.remote);
        try (Git git = fixture.git()) {
            var outcome =
                    new ReleaseTransaction(git, fixture.listRepository())
                            .run(plan(git, false), signer());
            assertEquals(false, outcome.pushed());
            assertNotEquals(null, git.getRepository().exactRef(Constants.R_TAGS + TAG));
        }
        assertEquals(remoteBefore, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void refusesAnExistingTagBeforeWritingAnything() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.tag().setName(TAG).setAnnotated(false).call();
            var before = ListRepoFixture.refs(fixture.list);
            var filesBefore = ListRepoFixture.files(fixture.list);
            var refused =
                    assertThrows(
                            TagExistsException.class,
                            () ->
                                    new ReleaseTransaction(git, fixture.listRepository())
                                            .run(plan(git, true), signer()));
            assertEquals(TAG, refused.tag());
            assertEquals(before, ListRepoFixture.refs(fixture.list));
            assertEquals(filesBefore, ListRepoFixture.files(fixture.list));
        }
    }

    @Test
    void remoteAdvancedByAnotherCloneRejectsThePushAndIsUndone() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        fixture.advanceRemoteFromAnotherClone(dir.resolve("other"));
        var failure = assertUndone(fixture, PushRejectedException.class);
        assertTrue(
                failure.getMessage()
                        .contains(
                                "refs/heads/main: rejected, the remote has commits this clone lacks"),
                failure.getMessage());
    }

    @Test
    void tagAlreadyOnTheRemoteRejectsTheAtomicPushAndNeitherRefMoves() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git remote = Git.open(fixture.remote.toFile())) {
            remote.tag().setName(TAG).setAnnotated(false).call();
        }
        var failure = assertUndone(fixture, PushRejectedException.class);
        assertTrue(
                failure.getMessage()
                        .contains(
                                "refs/tags/" + TAG + ": rejected, the remote already has this tag"),
                failure.getMessage());
    }

    @Test
    void aFailureBeforeTheCommitRemovesTheNewFilesToo() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Map<String, String> filesBefore = ListRepoFixture.files(fixture.list);
        Map<String, String> refsBefore = ListRepoFixture.refs(fixture.list);
        try (Git git = fixture.git()) {
            // The second write fails (its parent is a file) after the first wrote a new, untracked
            // file.
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            files.put("release/policy.json", "{}\n".getBytes(StandardCharsets.UTF_8));
            files.put("release/config.json/impossible", "x".getBytes(StandardCharsets.UTF_8));
            var plan =
                    new ReleaseTransaction.Plan(
                            files,
                            "m\n",
                            TAG,
                            "t\n",
                            WHO,
                            NOW,
                            "main",
                            head(git),
                            Optional.empty(),
                            ReleaseTransaction.Checks.NONE);
            assertThrows(
                    ReleaseUndoneException.class,
                    () ->
                            new ReleaseTransaction(git, fixture.listRepository())
                                    .run(plan, signer()));
        }
        assertEquals(filesBefore, ListRepoFixture.files(fixture.list));
        assertEquals(refsBefore, ListRepoFixture.refs(fixture.list));
    }

    @Test
    void unreachableRemoteIsUndone() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", dir.resolve("gone.git").toUri().toString());
            config.save();
        }
        assertUndone(fixture, RemoteUnreachableException.class);
    }

    private ReleaseUndoneException assertUndone(
            ListRepoFixture fixture, Class<? extends Exception> cause) {
        Map<String, String> localBefore = ListRepoFixture.refs(fixture.list);
        Map<String, String> filesBefore = ListRepoFixture.files(fixture.list);
        Map<String, String> remoteBefore = ListRepoFixture.refs(fixture.remote);
        ReleaseUndoneException failure;
        try (Git git = fixture.git()) {
            failure =
                    assertThrows(
                            ReleaseUndoneException.class,
                            () ->
                                    new ReleaseTransaction(git, fixture.listRepository())
                                            .run(plan(git, true), signer()));
            assertInstanceOf(cause, failure.getCause());
            assertEquals("main", failure.branch());
            assertEquals(TAG, failure.tag());
            assertEquals(head(git).abbreviate(10).name(), failure.restoredTo());
            assertTrue(git.status().call().isClean(), "index and working tree restored");
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new AssertionError(e);
        }
        assertEquals(
                localBefore, ListRepoFixture.refs(fixture.list), "local branch and tags as before");
        assertEquals(filesBefore, ListRepoFixture.files(fixture.list), "working tree as before");
        assertEquals(remoteBefore, ListRepoFixture.refs(fixture.remote), "remote as before");
        assertTrue(Files.notExists(fixture.list.resolve("release/policy.json")));
        return failure;
    }

    @Test
    void realGitClonesTheReleaseAndVerifiesTheTagWithGpg() throws Exception {
        assumeTrue(ListRepoFixture.onPath("git"), "skipped: git is not installed");
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            new ReleaseTransaction(git, fixture.listRepository()).run(plan(git, true), signer());
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        var clone =
                ListRepoFixture.git(
                        dir,
                        home,
                        List.of("clone", "-q", fixture.remote.toUri().toString(), "clone"));
        assertEquals(0, clone.exitCode(), clone.output());
        Path cloned = dir.resolve("clone");
        assertArrayEquals(
                "{\"list\": 1}\n".getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(cloned.resolve("release/policy.json")));
        var tags = ListRepoFixture.git(cloned, home, List.of("tag", "-l"));
        assertEquals(TAG, tags.output().strip());
        var fsck = ListRepoFixture.git(cloned, home, List.of("fsck", "--strict"));
        assertEquals(0, fsck.exitCode(), fsck.output());

        assumeTrue(
                ListRepoFixture.onPath("gpg"),
                "skipped: gpg is not installed, so git verify-tag cannot run");
        Path gnupg = Files.createDirectories(home.resolve("gnupg"));
        Files.setPosixFilePermissions(
                gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path publicKey = dir.resolve("maintainer.asc");
        Files.writeString(publicKey, TestKeys.text(key.publicKey()));
        ProcessBuilder importKey =
                new ProcessBuilder(
                                "gpg",
                                "--batch",
                                "--homedir",
                                gnupg.toString(),
                                "--import",
                                publicKey.toString())
                        .redirectErrorStream(true);
        Process imported = importKey.start();
        String importOutput =
                new String(imported.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, imported.waitFor(), importOutput);
        var verified = ListRepoFixture.git(cloned, home, List.of("verify-tag", "--raw", TAG));
        assertEquals(0, verified.exitCode(), verified.output());
        // VALIDSIG names the signing key, then (last field) the primary key's fingerprint.
        assertTrue(
                verified.output()
                        .lines()
                        .anyMatch(
                                line ->
                                        line.startsWith("[GNUPG:] VALIDSIG ")
                                                && line.endsWith(" " + key.fingerprint())),
                verified.output());
    }
}
