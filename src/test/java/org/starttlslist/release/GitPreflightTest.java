package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

@ExtendWith(GitConfigIsolation.class)
class GitPreflightTest {
    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    @Test
    void notAGitRepository() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        var refused =
                assertThrows(
                        NotAGitRepositoryException.class,
                        () -> ListGit.open(new ListRepository(plain)));
        assertEquals(plain, refused.directory());
    }

    @Test
    void refusesAnotherBranch() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.checkout().setCreateBranch(true).setName("topic").call();
            var refused =
                    assertThrows(
                            NotOnReleaseBranchException.class,
                            () -> new GitPreflight(git).requireOnBranch("main"));
            assertEquals("topic", refused.currentBranch());
            assertEquals("main", refused.releaseBranch());
        }
    }

    @Test
    void refusesADetachedHead() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.checkout().setName(git.getRepository().resolve("HEAD").name()).call();
            var refused =
                    assertThrows(
                            NotOnReleaseBranchException.class,
                            () -> new GitPreflight(git).requireOnBranch("main"));
            assertTrue(
                    refused.currentBranch().startsWith("(detached HEAD"), refused.currentBranch());
        }
    }

    @Test
    void refusesAModifiedTrackedFile() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(fixture.list.resolve("release/config.json"), "{}\n");
        try (Git git = fixture.git()) {
            var refused =
                    assertThrows(
                            WorkingTreeNotCleanException.class,
                            () -> new GitPreflight(git).requireClean());
            assertEquals(List.of("release/config.json"), refused.paths());
        }
    }

    @Test
    void refusesAnUntrackedPolicyFile() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(fixture.list.resolve("policies/new.example.json"), "{}\n");
        try (Git git = fixture.git()) {
            var refused =
                    assertThrows(
                            WorkingTreeNotCleanException.class,
                            () -> new GitPreflight(git).requireClean());
            assertEquals(List.of("policies/new.example.json (untracked)"), refused.paths());
            assertTrue(
                    refused.getMessage().contains("policies/new.example.json"),
                    refused.getMessage());
        }
    }

    @Test
    void namesEachUntrackedFileOnceEvenInAnUntrackedFolder() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.createDirectories(fixture.list.resolve("release/new"));
        Files.writeString(fixture.list.resolve("release/new/key.asc"), "x\n");
        try (Git git = fixture.git()) {
            var refused =
                    assertThrows(
                            WorkingTreeNotCleanException.class,
                            () -> new GitPreflight(git).requireClean());
            assertEquals(List.of("release/new/key.asc (untracked)"), refused.paths());
        }
    }

    @Test
    void aRemoteWithoutTheBranchIsAFirstRelease() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path empty = dir.resolve("empty.git");
        Git.init()
                .setDirectory(empty.toFile())
                .setBare(true)
                .setInitialBranch("main")
                .call()
                .close();
        try (Git git = fixture.git()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", empty.toUri().toString());
            config.save();
            ObjectId head = new GitPreflight(git).requireOnBranch("main");
            assertEquals(
                    java.util.Optional.empty(), GitRemote.named(git, "origin").fetchBranch("main"));
            assertDoesNotThrow(
                    () ->
                            new GitPreflight(git)
                                    .requireNotBehind(
                                            GitRemote.named(git, "origin"), "main", head));
        }
    }

    @Test
    void allowsUntrackedFilesThatCannotChangeTheList() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(fixture.list.resolve("notes.txt"), "scratch\n");
        Files.createDirectories(fixture.list.resolve("target"));
        Files.writeString(fixture.list.resolve("target/out.jar"), "x");
        try (Git git = fixture.git()) {
            assertDoesNotThrow(() -> new GitPreflight(git).requireClean());
        }
    }

    @Test
    void refusesABranchBehindTheRemote() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        fixture.advanceRemoteFromAnotherClone(dir.resolve("other"));
        try (Git git = fixture.git()) {
            ObjectId head = new GitPreflight(git).requireOnBranch("main");
            var refused =
                    assertThrows(
                            BranchBehindRemoteException.class,
                            () ->
                                    new GitPreflight(git)
                                            .requireNotBehind(
                                                    GitRemote.named(git, "origin"), "main", head));
            assertEquals("origin", refused.remote());
        }
    }

    @Test
    void refusesADivergedBranch() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        fixture.advanceRemoteFromAnotherClone(dir.resolve("other"));
        try (Git git = fixture.git()) {
            Files.writeString(fixture.list.resolve("policies/mine.example.json"), "{}\n");
            git.add().addFilepattern("policies").call();
            ListRepoFixture.commit(git, "A local commit");
            ObjectId head = new GitPreflight(git).requireOnBranch("main");
            assertThrows(
                    BranchDivergedException.class,
                    () ->
                            new GitPreflight(git)
                                    .requireNotBehind(
                                            GitRemote.named(git, "origin"), "main", head));
        }
    }

    @Test
    void allowsABranchAheadOfTheRemote() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            Files.writeString(fixture.list.resolve("policies/mine.example.json"), "{}\n");
            git.add().addFilepattern("policies").call();
            ListRepoFixture.commit(git, "A local commit");
            ObjectId head = new GitPreflight(git).requireOnBranch("main");
            assertDoesNotThrow(
                    () ->
                            new GitPreflight(git)
                                    .requireNotBehind(
                                            GitRemote.named(git, "origin"), "main", head));
        }
    }

    @Test
    void unknownRemoteIsRefusedAndUnreachableCannotComplete() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            assertThrows(
                    RemoteNotConfiguredException.class, () -> GitRemote.named(git, "upstream"));
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", dir.resolve("gone.git").toUri().toString());
            config.save();
            ObjectId head = new GitPreflight(git).requireOnBranch("main");
            assertThrows(
                    RemoteUnreachableException.class,
                    () ->
                            new GitPreflight(git)
                                    .requireNotBehind(
                                            GitRemote.named(git, "origin"), "main", head));
        }
    }
}
