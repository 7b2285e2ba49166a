package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/**
 * Each way release, publish and status refuse, provoked through the real code on real repositories,
 * and asserted by the exception's type and the facts it carries.
 */
@ExtendWith(GitConfigIsolation.class)
class ReleaseFailureFactsTest {
    private static final ReleaseTransaction.Identity WHO =
            new ReleaseTransaction.Identity("release bot", "release@example.invalid");
    private static final Instant TAGGED = Instant.parse("2026-11-28T12:00:00Z");

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    /** Now, on the second: release compares its instant with the real clock. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Release.Request request(ListRepoFixture fixture, TestKey signer, boolean push) {
        return new Release.Request(
                fixture.listRepository(), now(), signer::signer, WHO, "origin", push);
    }

    private static ReleaseTransaction.Plan plan(Git git, String tag) throws IOException {
        return new ReleaseTransaction.Plan(
                Map.of(
                        "release/policy.json",
                        "{\"list\": 1}\n".getBytes(StandardCharsets.UTF_8),
                        "release/policy.json.asc",
                        "signature\n".getBytes(StandardCharsets.UTF_8)),
                "Release\n",
                tag,
                "starttls-list release\n",
                WHO,
                TAGGED,
                "main",
                git.getRepository().resolve("refs/heads/main"),
                Optional.empty(),
                ReleaseTransaction.Checks.NONE);
    }

    @Test
    void aCommittedSymlinkIsNamedWithItsPathAndKind() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path outside = Files.writeString(dir.resolve("outside.json"), "{}\n");
        Files.createSymbolicLink(fixture.list.resolve("policies/outside.example.json"), outside);
        try (Git git = fixture.git()) {
            git.add().addFilepattern("policies/outside.example.json").call();
            ListRepoFixture.commit(git, "A link");
            ObjectId head = git.getRepository().resolve("HEAD");
            CommittedTree tree = CommittedTree.of(git.getRepository(), head);
            var e = assertThrows(CommittedLinkException.class, tree::snapshot);
            assertEquals("policies/outside.example.json", e.path());
            assertEquals("a symbolic link", e.kind());
        }
    }

    @Test
    void anUnsignedAnnotatedTagIsNotAReleaseTag() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            Ref tag =
                    git.tag()
                            .setName("list-unsigned")
                            .setAnnotated(true)
                            .setMessage("unsigned\n")
                            .setSigned(false)
                            .setTagger(ListRepoFixture.SETUP)
                            .call();
            byte[] raw = git.getRepository().open(tag.getObjectId()).getBytes();
            var e =
                    assertThrows(
                            TagNotSignedException.class,
                            () ->
                                    SignedTagCheck.verify(
                                            "list-unsigned",
                                            raw,
                                            ReleaseKeys.load(fixture.listRepository()),
                                            Set.of(key.fingerprint())));
            assertEquals("list-unsigned", e.tag());
        }
    }

    @Test
    void publishRefusesALightweightReleaseTagAndPushesNothing() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Release.Outcome released = Release.run(request(fixture, key, false), line -> {});
        try (Git git = fixture.git()) {
            git.tagDelete().setTags(released.tagName()).call();
            git.tag().setName(released.tagName()).setAnnotated(false).call();
        }
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        var e =
                assertThrows(
                        TagNotSignedException.class,
                        () -> Publish.run(fixture.listRepository(), now(), "origin", line -> {}));
        assertEquals(released.tagName(), e.tag());
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void aKeyThatIsNoMaintainerCannotReleaseAndNothingIsCommitted() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        TestKey outsider = TestKeys.ed25519("outsider");
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        var e =
                assertThrows(
                        SignerNotMaintainerException.class,
                        () -> Release.run(request(fixture, outsider, true), line -> {}));
        assertEquals(outsider.fingerprint(), e.fingerprint());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
    }

    @Test
    void statusBeforeAnyReleaseSaysWhereNothingIsPublished() {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        var local =
                assertThrows(
                        NoPublishedListException.class,
                        () -> ListStatus.read(fixture.listRepository(), now(), Optional.empty()));
        assertEquals(Optional.empty(), local.remote());
        var remote =
                assertThrows(
                        NoPublishedListException.class,
                        () ->
                                ListStatus.read(
                                        fixture.listRepository(), now(), Optional.of("origin")));
        assertEquals(Optional.of("origin"), remote.remote());
    }

    @Test
    void publishBeforeAnyReleaseHasNothingToPushAndPushesNothing() {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        assertThrows(
                NothingToPublishException.class,
                () -> Publish.run(fixture.listRepository(), now(), "origin", line -> {}));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void aCheckoutBeforeTheBranchMovesRefusesTheRelease() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            ReleaseTransaction.Plan plan = plan(git, "list-moved");
            git.checkout().setCreateBranch(true).setName("feature").call();
            Map<String, String> refs = ListRepoFixture.refs(fixture.list);
            var e =
                    assertThrows(
                            BranchMovedException.class,
                            () ->
                                    new ReleaseTransaction(git, fixture.listRepository())
                                            .run(plan, new OpenPgpTagSigner(key.signer(), TAGGED)));
            assertEquals("main", e.branch());
            assertEquals(plan.head(), e.expected());
            assertEquals(refs, ListRepoFixture.refs(fixture.list));
        }
    }

    @Test
    void anIndexLockAfterTheCommitLeavesTheReleaseAndNamesIt() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            ReleaseTransaction.Plan plan = plan(git, "list-locked");
            Files.createFile(fixture.list.resolve(".git/index.lock"));
            var e =
                    assertThrows(
                            WorkingTreeNotUpdatedException.class,
                            () ->
                                    new ReleaseTransaction(git, fixture.listRepository())
                                            .run(plan, new OpenPgpTagSigner(key.signer(), TAGGED)));
            assertEquals("list-locked", e.tag());
            assertEquals(e.commit(), git.getRepository().resolve("refs/heads/main"));
            assertNotNull(git.getRepository().exactRef(Constants.R_TAGS + "list-locked"));
            assertFalse(
                    Files.exists(fixture.list.resolve("release/policy.json")),
                    "the working tree was left as it was");
        }
    }

    @Test
    void aRemoteThatNeverAnswersTimesOutWithItsNameAndDeadline() throws Exception {
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
                GitRemote remote = GitRemote.named(git, "silent", Duration.ofSeconds(1));
                var e =
                        assertThrows(
                                RemoteTimedOutException.class, () -> remote.fetchBranch("main"));
                assertEquals("silent", e.remote());
                assertEquals(1, e.seconds());
            }
            assertTrue(!held.isEmpty(), "the remote was really contacted");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
