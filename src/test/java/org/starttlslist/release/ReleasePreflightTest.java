package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.validate.InvalidSourcesException;

/**
 * Every refusal of {@link Release} before the build: each throws its own exception, never asks for
 * the key, and leaves the clone and the remote exactly as they were.
 */
@ExtendWith(GitConfigIsolation.class)
class ReleasePreflightTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final ReleaseTransaction.Identity WHO =
            new ReleaseTransaction.Identity("release bot", "release@example.invalid");

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    private static Release.Request request(ListRepoFixture fixture, boolean push) {
        return new Release.Request(
                fixture.listRepository(),
                NOW,
                ReleasePreflightTest::keyMustNotBeAskedFor,
                WHO,
                "origin",
                push);
    }

    private static SigningKey keyMustNotBeAskedFor() {
        throw new AssertionError(
                "the key was loaded although the release was refused before signing");
    }

    private <T extends RejectedException> T assertRefusedAndUntouched(
            ListRepoFixture fixture, Class<T> type) {
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        Executable release = () -> Release.run(request(fixture, true), ReleasePreflightTest::quiet);
        T refused = assertThrows(type, release);
        assertEquals(refs, ListRepoFixture.refs(fixture.list), "local refs unchanged");
        assertEquals(files, ListRepoFixture.files(fixture.list), "working tree unchanged");
        assertEquals(remote, ListRepoFixture.refs(fixture.remote), "remote unchanged");
        return refused;
    }

    @Test
    void notOnTheReleaseBranch() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.checkout().setCreateBranch(true).setName("topic").call();
        }
        var refused = assertRefusedAndUntouched(fixture, NotOnReleaseBranchException.class);
        assertEquals("topic", refused.currentBranch());
    }

    @Test
    void untrackedPolicyFile() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(fixture.list.resolve("policies/late.example.json"), "{}\n");
        var refused = assertRefusedAndUntouched(fixture, WorkingTreeNotCleanException.class);
        assertTrue(
                refused.getMessage().contains("policies/late.example.json"), refused.getMessage());
    }

    @Test
    void behindTheRemote() {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        fixture.advanceRemoteFromAnotherClone(dir.resolve("other"));
        // The fetch updates refs/remotes/origin/main, which is the point of fetching; nothing else
        // moves.
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        assertThrows(
                BranchBehindRemoteException.class,
                () -> Release.run(request(fixture, true), ReleasePreflightTest::quiet));
        assertEquals(files, ListRepoFixture.files(fixture.list));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void invalidSources() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(
                fixture.list.resolve("policies/broken.example.json"),
                "{\"contact\": \"postmaster@broken.example\", \"mode\": \"sometimes\", \"mxs\": [\"mx.broken.example\"]}\n");
        try (Git git = fixture.git()) {
            git.add().addFilepattern("policies").call();
            ListRepoFixture.commit(git, "A broken policy");
        }
        var refused = assertRefusedAndUntouched(fixture, InvalidSourcesException.class);
        assertEquals(InvalidSourcesException.Step.RELEASE, refused.step());
        assertEquals(1, refused.errors());
        assertEquals("policies/broken.example.json", refused.firstError().orElseThrow().file());
        assertEquals("mode.invalid", refused.firstError().orElseThrow().code());
    }

    @Test
    void tagAlreadyPresent() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.tag().setName(Release.tagName(NOW)).setAnnotated(false).call();
        }
        var refused = assertRefusedAndUntouched(fixture, TagExistsException.class);
        assertEquals("list-20261128T120000Z", refused.tag());
    }

    @Test
    void timestampNotNewerThanThePublishedList() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(
                fixture.list.resolve("release/policy.json"),
                """
                {
                  "timestamp": "2026-11-28T12:00:00Z",
                  "expires": "2026-12-12T12:00:00Z",
                  "version": "0.1",
                  "policy-aliases": {},
                  "policies": {"example.com": {"mode": "testing", "mxs": ["mx.example.com"]}}
                }
                """);
        Files.writeString(fixture.list.resolve("release/policy.json.asc"), "not checked here\n");
        try (Git git = fixture.git()) {
            git.add().addFilepattern("release").call();
            ListRepoFixture.commit(git, "A list published at the same second");
            git.push().call();
        }
        var refused = assertRefusedAndUntouched(fixture, TimestampNotNewerException.class);
        assertEquals(NOW, refused.previous());
        assertEquals(NOW, refused.attempted());
    }

    @Test
    void unreachableRemoteAtTheFetchCannotCompleteAndChangesNothing() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            var config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", dir.resolve("gone.git").toUri().toString());
            config.save();
        }
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        var failed =
                assertThrows(
                        RemoteUnreachableException.class,
                        () -> Release.run(request(fixture, true), ReleasePreflightTest::quiet));
        assertEquals("origin", failed.remote());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
    }

    @Test
    void noPushWithoutAConfiguredRemoteStillChecksEverythingElse() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.remoteRemove().setRemoteName("origin").call();
        }
        assertThrows(
                RemoteNotConfiguredException.class,
                () -> Release.run(request(fixture, true), ReleasePreflightTest::quiet));
        Files.writeString(fixture.list.resolve("policies/late.example.json"), "{}\n");
        assertThrows(
                WorkingTreeNotCleanException.class,
                () -> Release.run(request(fixture, false), ReleasePreflightTest::quiet));
    }

    /** Progress lines are not what these tests look at. */
    private static void quiet(String step) {}
}
