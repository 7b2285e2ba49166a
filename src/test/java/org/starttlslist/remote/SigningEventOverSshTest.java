package org.starttlslist.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.release.GitRemote;
import org.starttlslist.signing.DetachedSignatures;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.Trees;

/**
 * A release that needs two of three maintainers' keys, over a real SSH remote: A proposes, B
 * cosigns, the pull request is merged (a merge commit), A tags the merged commit; a mirror that
 * pins all three keys and wants two installs it, and refuses the list signed by A alone. Every
 * refusal on the way leaves local and remote refs as they were.
 */
@ExtendWith(GitConfigIsolation.class)
class SigningEventOverSshTest {
    /**
     * The release instant: the real clock, read per test, since release --propose refuses a --now
     * more than the skew away from it (a list mirrors would call "from the future" or stale).
     */
    final Instant T = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @TempDir static Path serverDir;
    static TestSshServer server;

    @TempDir Path tmp;
    TestHome home;
    Path bare;
    String url;
    Path passphrase;
    TestKey a = TestKeys.ed25519("maintainer-a");
    TestKey b = TestKeys.ed25519("maintainer-b");
    TestKey c = TestKeys.ed25519("maintainer-c");
    Path keysDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestSshServer.start(serverDir.resolve("sshd"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        home = TestHome.install(tmp.resolve("home"));
        server.authorize(home.sshKey("id_ed25519"));
        home.knownHosts(server.knownHostsLine());
        bare = server.bareRepository("list-" + System.nanoTime() + ".git");
        url = server.url(bare);
        passphrase = Files.writeString(tmp.resolve("passphrase"), TestKeys.PASSPHRASE + "\n");
        keysDir = Files.createDirectories(tmp.resolve("secret-keys"));
        Path list = tmp.resolve("a");
        Trees.copy(Path.of("policies"), list.resolve("policies"));
        Files.createDirectories(list.resolve("release/keys"));
        StringBuilder maintainers = new StringBuilder();
        for (TestKey key : List.of(a, b, c)) {
            key.writePublic(list.resolve("release/keys"));
            key.writeSecret(keysDir);
            maintainers
                    .append(maintainers.length() == 0 ? "" : ", ")
                    .append("{\"name\": \"m\", \"fingerprint\": \"")
                    .append(key.fingerprint())
                    .append("\"}");
        }
        String config =
                Files.readString(Path.of("release/config.json"))
                        .replace(
                                "\"maintainers\": []",
                                "\"threshold\": 2,\n  \"maintainers\": [" + maintainers + "]");
        Files.writeString(list.resolve("release/config.json"), config);
        try (Git git = Git.init().setDirectory(list.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent setup =
                    new PersonIdent(
                            "setup",
                            "setup@example.invalid",
                            T.minusSeconds(86400),
                            java.time.ZoneOffset.UTC);
            git.commit()
                    .setMessage("sources")
                    .setSign(false)
                    .setAuthor(setup)
                    .setCommitter(setup)
                    .call();
            git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
            GitRemote.named(git, "origin").pushAtomically(List.of("refs/heads/main"));
        }
    }

    @AfterEach
    void tearDown() {
        home.close();
    }

    private Path secret(TestKey key) {
        return keysDir.resolve(key.fingerprint() + "-secret.asc");
    }

    private Path clone(String name) throws Exception {
        Path dir = tmp.resolve(name);
        RemoteAccess access = RemoteAccess.forUrl(tmp);
        access.configure(Git.cloneRepository().setURI(url).setDirectory(dir.toFile()))
                .call()
                .close();
        return dir;
    }

    private static CliRun run(Path repo, String... args) {
        String[] all =
                Stream.concat(Stream.of("-C", repo.toString()), Stream.of(args))
                        .toArray(String[]::new);
        return CliRun.of(all);
    }

    @Test
    void twoOfThreeProposeCosignMergeTagMirror() throws Exception {
        Path repoA = tmp.resolve("a");
        Map<String, ObjectId> remoteAtStart = SshTransportTest.refs(bare);

        // The one-step release is refused when the threshold is 2, and moves nothing.
        CliRun direct =
                run(
                        repoA,
                        "release",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.toString());
        assertEquals(1, direct.exitCode(), direct::toString);
        assertTrue(direct.err().contains("release --propose"), direct::toString);
        assertEquals(remoteAtStart, SshTransportTest.refs(bare));

        // 1. A proposes.
        CliRun propose =
                run(
                        repoA,
                        "release",
                        "--propose",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.toString());
        assertEquals(0, propose.exitCode(), propose::toString);
        String branch = org.starttlslist.release.SigningEvents.branchName(T);
        assertTrue(
                propose.out().contains("proposed " + T + " on " + branch + ": 1 of 2 signatures"),
                propose::toString);
        ObjectId proposal = SshTransportTest.refs(bare).get("refs/heads/" + branch);
        assertNotNull(proposal);
        assertEquals(
                remoteAtStart.get("refs/heads/main"),
                SshTransportTest.refs(bare).get("refs/heads/main"));
        assertFalse(
                Files.exists(repoA.resolve("release/policy.json")),
                "the working tree is not touched");

        // The pull request's check: 1 of 3, threshold 2, fails.
        Path repoB = clone("b");
        try (Git git = Git.open(repoB.toFile())) {
            git.checkout()
                    .setName(branch)
                    .setCreateBranch(true)
                    .setStartPoint("origin/" + branch)
                    .call();
        }
        CliRun oneOfThree = run(repoB, "signatures", "--now", T.plusSeconds(60).toString());
        assertEquals(1, oneOfThree.exitCode(), oneOfThree::toString);
        assertTrue(
                oneOfThree.out().contains("1 of 3 maintainers signed (threshold 2)"),
                oneOfThree::toString);
        try (Git git = Git.open(repoB.toFile())) {
            git.checkout().setName("main").call();
        }

        // A signing again adds nothing and is refused; nothing moves.
        Map<String, ObjectId> before = SshTransportTest.refs(bare);
        CliRun twice =
                run(
                        repoA,
                        "cosign",
                        branch,
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.plusSeconds(120).toString());
        assertEquals(1, twice.exitCode(), twice::toString);
        assertTrue(
                twice.err().contains("already signed by key " + a.fingerprint()), twice::toString);
        assertEquals(before, SshTransportTest.refs(bare));

        // 2. B cosigns.
        CliRun cosign =
                run(
                        repoB,
                        "cosign",
                        branch,
                        "--key",
                        secret(b).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.plusSeconds(3600).toString());
        assertEquals(0, cosign.exitCode(), cosign::toString);
        assertTrue(cosign.out().contains("2 of 2 signatures (threshold met"), cosign::toString);
        ObjectId cosigned = SshTransportTest.refs(bare).get("refs/heads/" + branch);
        assertNotEquals(proposal, cosigned);

        // 3. The pull request is merged with a merge commit (as a hosting service does).
        try (Git git = Git.open(repoA.toFile())) {
            GitRemote.named(git, "origin").fetchBranch(branch);
            MergeResult merge =
                    git.merge()
                            .include(git.getRepository().resolve("refs/remotes/origin/" + branch))
                            .setFastForward(MergeCommand.FastForwardMode.NO_FF)
                            .setCommit(true)
                            .setMessage("Merge pull request: " + branch)
                            .call();
            assertTrue(merge.getMergeStatus().isSuccessful(), merge.toString());
            GitRemote.named(git, "origin").pushAtomically(List.of("refs/heads/main"));
        }
        CliRun twoOfThree = run(repoA, "signatures", "--now", T.plusSeconds(7200).toString());
        assertEquals(0, twoOfThree.exitCode(), twoOfThree::toString);
        assertTrue(
                twoOfThree.out().contains("2 of 3 maintainers signed (threshold 2)"),
                twoOfThree::toString);
        assertTrue(
                twoOfThree.out().contains("not signed: " + c.fingerprint()), twoOfThree::toString);

        // 4. publish --tag on the merged commit.
        CliRun tag =
                run(
                        repoA,
                        "publish",
                        "--tag",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.plusSeconds(7300).toString());
        assertEquals(0, tag.exitCode(), tag::toString);
        Map<String, ObjectId> published = SshTransportTest.refs(bare);
        ObjectId mergeCommit = published.get("refs/heads/main");
        try (Repository repo = Git.open(bare.toFile()).getRepository();
                RevWalk walk = new RevWalk(repo)) {
            RevCommit tagged =
                    walk.parseCommit(
                            repo.resolve(
                                    "refs/tags/"
                                            + org.starttlslist.release.Release.tagName(T)
                                            + "^{commit}"));
            assertEquals(mergeCommit, tagged.getId());
            assertEquals(2, tagged.getParentCount(), "the tag is on the merge commit");
        }

        // 5. A mirror pinning all three keys with threshold 2 installs it...
        String keys =
                String.join(
                        ",",
                        Stream.of(a, b, c)
                                .map(
                                        k ->
                                                repoA.resolve(
                                                                "release/keys/"
                                                                        + k.fingerprint()
                                                                        + ".asc")
                                                        .toString())
                                .toList());
        Path mirror = tmp.resolve("mirror");
        CliRun mirrored =
                CliRun.of(
                        "mirror",
                        "--from",
                        url,
                        "--keys",
                        keys,
                        "--threshold",
                        "2",
                        "--into",
                        mirror.toString(),
                        "--now",
                        T.plusSeconds(7400).toString());
        assertEquals(0, mirrored.exitCode(), mirrored::toString);
        byte[] installedSignature = Files.readAllBytes(mirror.resolve("current/policy.json.asc"));
        assertEquals(2, DetachedSignatures.issuers(installedSignature).size());

        // ...and refuses the list signed by A alone (the proposal), installing nothing.
        try (Git git = Git.open(repoA.toFile())) {
            git.branchCreate().setName("one-signature").setStartPoint(proposal.name()).call();
            GitRemote.named(git, "origin").pushAtomically(List.of("refs/heads/one-signature"));
        }
        Path strict = tmp.resolve("mirror-one");
        CliRun refused =
                CliRun.of(
                        "mirror",
                        "--from",
                        url + "#one-signature",
                        "--keys",
                        keys,
                        "--threshold",
                        "2",
                        "--into",
                        strict.toString(),
                        "--now",
                        T.plusSeconds(7500).toString());
        assertNotEquals(0, refused.exitCode(), refused::toString);
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(
                refused.err()
                        .contains(
                                "2 valid signatures from distinct pinned keys are required, found 1 ("
                                        + a.fingerprint()
                                        + ")"),
                refused::toString);
        assertFalse(Files.exists(strict.resolve("current/policy.json")));
        assertArrayEquals(
                installedSignature, Files.readAllBytes(mirror.resolve("current/policy.json.asc")));
    }

    @Test
    void proposeWhosePushIsDeniedLeavesNoBranchBehind() throws Exception {
        Path repoA = tmp.resolve("a");
        // From here on, this maintainer's SSH key may read but not push.
        server.authorizeReadOnly(home.sshKey("read_only"));
        Files.writeString(
                home.ssh.resolve("config"),
                "Host 127.0.0.1\n  IdentityFile ~/.ssh/read_only\n  IdentitiesOnly yes\n");
        Map<String, ObjectId> remoteBefore = SshTransportTest.refs(bare);
        Map<String, ObjectId> localBefore = SshTransportTest.refs(repoA.resolve(".git"));
        CliRun propose =
                run(
                        repoA,
                        "release",
                        "--propose",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.toString());
        assertEquals(3, propose.exitCode(), propose::toString);
        assertTrue(propose.err().contains("permission denied"), propose::toString);
        assertEquals(remoteBefore, SshTransportTest.refs(bare));
        Map<String, ObjectId> localAfter = SshTransportTest.refs(repoA.resolve(".git"));
        localAfter.keySet().removeIf(ref -> ref.startsWith("refs/remotes/"));
        localBefore.keySet().removeIf(ref -> ref.startsWith("refs/remotes/"));
        assertEquals(localBefore, localAfter, "the local sign/ branch was removed again");
        assertFalse(Files.exists(repoA.resolve("release/policy.json")));
    }

    @Test
    void cosignRefusesAListWithTooLittleValidityLeftAndMovesNothing() throws Exception {
        Path repoA = tmp.resolve("a");
        CliRun propose =
                run(
                        repoA,
                        "release",
                        "--propose",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.toString());
        assertEquals(0, propose.exitCode(), propose::toString);
        Path repoB = clone("b");
        Map<String, ObjectId> remoteBefore = SshTransportTest.refs(bare);
        Map<String, ObjectId> localBefore = SshTransportTest.refs(repoB.resolve(".git"));
        // validity-days 14, minimum-validity-days 7: eight days later only six are left.
        CliRun late =
                run(
                        repoB,
                        "cosign",
                        org.starttlslist.release.SigningEvents.branchName(T),
                        "--key",
                        secret(b).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.plus(Duration.ofDays(8)).toString());
        assertEquals(1, late.exitCode(), late::toString);
        assertTrue(late.err().contains("minimum-validity-days"), late::toString);
        assertEquals(remoteBefore, SshTransportTest.refs(bare));
        Map<String, ObjectId> localAfter = SshTransportTest.refs(repoB.resolve(".git"));
        localAfter.keySet().removeIf(ref -> ref.startsWith("refs/remotes/"));
        localBefore.keySet().removeIf(ref -> ref.startsWith("refs/remotes/"));
        assertEquals(
                localBefore,
                localAfter,
                "no local branch or tag moved (only remote-tracking refs were fetched)");
    }

    @Test
    void revokedMaintainerKeyCannotCosignAndItsSignatureDoesNotCount() throws Exception {
        Path repoA = tmp.resolve("a");
        CliRun propose =
                run(
                        repoA,
                        "release",
                        "--propose",
                        "--key",
                        secret(a).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.toString());
        assertEquals(0, propose.exitCode(), propose::toString);
        Path repoB = clone("b");
        // C's key was revoked: its published key in release/keys/ carries the revocation.
        TestKey revoked = TestKeys.revoked("maintainer-c", T.minusSeconds(3600));
        try (Git git = Git.open(repoB.toFile())) {
            Files.delete(repoB.resolve("release/keys/" + c.fingerprint() + ".asc"));
            revoked.writePublic(repoB.resolve("release/keys"));
            String config =
                    Files.readString(repoB.resolve("release/config.json"))
                            .replace(c.fingerprint(), revoked.fingerprint());
            Files.writeString(repoB.resolve("release/config.json"), config);
            git.add().addFilepattern("release").call();
            git.rm().addFilepattern("release/keys/" + c.fingerprint() + ".asc").call();
            PersonIdent who = new PersonIdent("b", "b@example.invalid");
            git.commit()
                    .setMessage("revoke C")
                    .setSign(false)
                    .setAuthor(who)
                    .setCommitter(who)
                    .call();
        }
        revoked.writeSecret(keysDir);
        Map<String, ObjectId> remoteBefore = SshTransportTest.refs(bare);
        CliRun cosign =
                run(
                        repoB,
                        "cosign",
                        org.starttlslist.release.SigningEvents.branchName(T),
                        "--key",
                        secret(revoked).toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        T.plusSeconds(60).toString());
        assertEquals(1, cosign.exitCode(), cosign::toString);
        assertTrue(cosign.err().contains("revoked"), cosign::toString);
        assertEquals(remoteBefore, SshTransportTest.refs(bare));
        assertFalse(Files.exists(repoB.resolve("release/policy.json")));
    }
}
