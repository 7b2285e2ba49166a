package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.verify.ListVerifier;

/**
 * The whole release through the command line, into a bare remote, checked with the real git and
 * gpg.
 */
@ExtendWith(GitConfigIsolation.class)
class ReleaseEndToEndTest {
    /**
     * A day before the clock, on the hour: mirrors check a list against their real clock, so the
     * releases here are dated relative to it (with --allow-now-far-from-clock) and stay valid.
     */
    // One base instant for the whole class, near the real clock (release refuses a --now far from
    // it), by design.
    @SuppressWarnings("TimeInStaticInitializer")
    private static final Instant BASE =
            Instant.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                    .minus(Duration.ofDays(1));

    private static final String NOW = at(Duration.ZERO);
    private static final String TAG = Release.tagName(BASE);

    private static String at(Duration after) {
        return org.starttlslist.model.ListTimes.format(BASE.plus(after));
    }

    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    private Path secretKeyFile() throws Exception {
        Path file = dir.resolve("maintainer.secret.asc");
        if (!Files.exists(file)) {
            Files.writeString(file, TestKeys.text(key.secretKey()));
        }
        return file;
    }

    private CliRun release(ListRepoFixture fixture, String now, String... more) throws Exception {
        Path passphrase = dir.resolve("passphrase");
        Files.writeString(passphrase, TestKeys.PASSPHRASE + "\n");
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "-C",
                                fixture.list.toString(),
                                "release",
                                "--key",
                                secretKeyFile().toString(),
                                "--passphrase-file",
                                passphrase.toString(),
                                "--now",
                                now,
                                "--allow-now-far-from-clock"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void releaseLandsInTheRemoteAndGitAndGpgAcceptIt() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        CliRun run = release(fixture, NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(
                run.out().contains("released " + NOW + " as " + TAG + " (pushed to origin)"),
                run.toString());
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        assertEquals(
                ListRepoFixture.refs(fixture.list).get("refs/heads/main"),
                remote.get("refs/heads/main"));
        assertTrue(remote.containsKey("refs/tags/" + TAG), remote.toString());

        try (Git git = fixture.git()) {
            String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
            assertTrue(message.startsWith("Release list " + NOW + "\n"), message);
            assertTrue(message.contains("4 domains (") || message.contains(" domains ("), message);
            assertTrue(message.contains("first release"), message);
            assertTrue(message.contains("Signed-by-key: " + key.fingerprint()), message);
        }

        assumeTrue(ListRepoFixture.onPath("git"), "skipped: git is not installed");
        Path home = Files.createDirectories(dir.resolve("home"));
        var clone =
                ListRepoFixture.git(
                        dir,
                        home,
                        List.of("clone", "-q", fixture.remote.toUri().toString(), "clone"));
        assertEquals(0, clone.exitCode(), clone.output());
        Path cloned = dir.resolve("clone");
        byte[] list = Files.readAllBytes(cloned.resolve("release/policy.json"));
        byte[] signature = Files.readAllBytes(cloned.resolve("release/policy.json.asc"));
        assertArrayEquals(Files.readAllBytes(fixture.list.resolve("release/policy.json")), list);
        var verified =
                ListVerifier.verify(
                        list,
                        signature,
                        ListVerifier.Options.of(
                                        org.starttlslist.verify.PinnedKeys.load(
                                                List.of(
                                                        cloned.resolve(
                                                                "release/keys/"
                                                                        + key.fingerprint()
                                                                        + ".asc"))),
                                        Instant.parse(NOW))
                                .withSkew(Duration.ZERO));
        assertEquals(List.of(key.fingerprint()), verified.signerFingerprints());
        assertEquals(Instant.parse(NOW), PolicyListParser.parse(list).timestamp());
        CliRun verifyCommand =
                CliRun.of(
                        "verify",
                        cloned.resolve("release/policy.json").toString(),
                        "--keys",
                        cloned.resolve("release/keys/" + key.fingerprint() + ".asc").toString(),
                        "--now",
                        NOW);
        assertEquals(0, verifyCommand.exitCode(), verifyCommand.toString());
        assertTrue(
                verifyCommand.out().contains("signed by:  " + key.fingerprint()),
                verifyCommand.toString());

        assumeTrue(
                ListRepoFixture.onPath("gpg"),
                "skipped: gpg is not installed, so git verify-tag cannot run");
        Path gnupg = Files.createDirectories(home.resolve("gnupg"));
        Files.setPosixFilePermissions(
                gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Process imported =
                new ProcessBuilder(
                                "gpg",
                                "--batch",
                                "--homedir",
                                gnupg.toString(),
                                "--import",
                                cloned.resolve("release/keys/" + key.fingerprint() + ".asc")
                                        .toString())
                        .redirectErrorStream(true)
                        .start();
        String importOutput =
                new String(imported.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, imported.waitFor(), importOutput);
        var verifyTag = ListRepoFixture.git(cloned, home, List.of("verify-tag", "--raw", TAG));
        assertEquals(0, verifyTag.exitCode(), verifyTag.output());
        var gpgVerify =
                new ProcessBuilder(
                                "gpg",
                                "--batch",
                                "--homedir",
                                gnupg.toString(),
                                "--verify",
                                cloned.resolve("release/policy.json.asc").toString(),
                                cloned.resolve("release/policy.json").toString())
                        .redirectErrorStream(true)
                        .start();
        String gpgOutput =
                new String(gpgVerify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gpgVerify.waitFor(), gpgOutput);
    }

    @Test
    void theFirstPushToAnEmptyRemoteCreatesTheBranch() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path empty = dir.resolve("empty.git");
        Git.init()
                .setDirectory(empty.toFile())
                .setBare(true)
                .setInitialBranch("main")
                .call()
                .close();
        try (Git git = fixture.git()) {
            git.remoteAdd()
                    .setName("mirror-host")
                    .setUri(new org.eclipse.jgit.transport.URIish(empty.toUri().toString()))
                    .call();
        }
        CliRun run = release(fixture, NOW, "--remote", "mirror-host");
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, String> remote = ListRepoFixture.refs(empty);
        assertEquals(
                ListRepoFixture.refs(fixture.list).get("refs/heads/main"),
                remote.get("refs/heads/main"));
        assertTrue(remote.containsKey("refs/tags/" + TAG), remote.toString());
    }

    @Test
    void aSecondReleaseDescribesTheChangeAndAnOlderOneIsRefused() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, NOW).exitCode());
        Files.writeString(
                fixture.list.resolve("policies/new.example.json"),
                "{\"contact\": \"postmaster@new.example\", \"mode\": \"testing\", \"mxs\": [\"mx.new.example\"]}\n");
        try (Git git = fixture.git()) {
            git.add().addFilepattern("policies").call();
            ListRepoFixture.commit(git, "Add new.example");
        }
        CliRun second = release(fixture, at(Duration.ofDays(1)));
        assertEquals(0, second.exitCode(), second.toString());
        try (Git git = fixture.git()) {
            String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
            assertTrue(
                    message.contains(
                            "since "
                                    + NOW
                                    + ": +1 domain; expires "
                                    + at(Duration.ofDays(14))
                                    + " -> "
                                    + at(Duration.ofDays(15))
                                    + "\n+ new.example\n"),
                    message);
        }
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        CliRun older = release(fixture, at(Duration.ofHours(6)));
        assertEquals(1, older.exitCode(), older.toString());
        assertTrue(
                older.err()
                        .contains(
                                "is not later than the published list's " + at(Duration.ofDays(1))),
                older.toString());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void aRemovalWithARecordIsLoudInTheReleaseCommit() throws Exception {
        // The lifecycle's 'remove' deletes the source and writes policies/removed/<domain>.json;
        // the next release names the domain, the cause and the reason at the top of its message.
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        assertEquals(0, release(fixture, NOW).exitCode());
        Files.delete(fixture.list.resolve("policies/example.net.json"));
        Files.createDirectories(fixture.list.resolve("policies/removed"));
        Files.writeString(
                fixture.list.resolve("policies/removed/example.net.json"),
                "{\"removed\": \"2026-11-28\", \"cause\": \"owner-request\", \"reason\": \"moving away\","
                        + " \"by\": \"maintainer\"}\n");
        try (Git git = fixture.git()) {
            git.add().addFilepattern("policies").call();
            git.rm().addFilepattern("policies/example.net.json").call();
            ListRepoFixture.commit(git, "Remove example.net at the owner's request");
        }
        CliRun second = release(fixture, at(Duration.ofDays(1)));
        assertEquals(0, second.exitCode(), second.toString());
        try (Git git = fixture.git()) {
            String message = git.log().setMaxCount(1).call().iterator().next().getFullMessage();
            assertTrue(
                    message.contains(
                            "REMOVED FROM THE LIST (removal records in policies/removed/):\n"
                                    + "  example.net on 2026-11-28 (owner-request: moving away; by maintainer)\n"),
                    message);
            assertTrue(message.contains("\n- example.net\n"), message);
        }
    }

    @Test
    void aKeyNotPinnedInReleaseKeysIsRefusedBeforeAnythingIsCommitted() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git git = fixture.git()) {
            git.rm().addFilepattern("release/keys/" + key.fingerprint() + ".asc").call();
            ListRepoFixture.commit(git, "Drop the pinned key");
            git.push().call();
        }
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        CliRun run = release(fixture, NOW);
        assertEquals(1, run.exitCode(), run.toString());
        // validate already refuses a maintainer without a pinned key; release checks it again
        // before signing.
        assertTrue(
                run.err()
                        .contains(
                                "no public key with fingerprint "
                                        + key.fingerprint()
                                        + " in release/keys/"),
                run.toString());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void aSignatureThatFailsTheMirrorsCheckIsRefusedBeforeAnythingIsCommitted() throws Exception {
        // release/keys/ pins the key as revoked; the maintainer still holds the unrevoked secret
        // key.
        Instant revokedAt = Instant.parse("2026-06-01T00:00:00Z");
        TestKey revoked = TestKeys.revoked("retired", revokedAt);
        TestKey stillUnrevoked = TestKeys.ed25519("to-revoke-retired-" + revokedAt);
        assertEquals(revoked.fingerprint(), stillUnrevoked.fingerprint());
        ListRepoFixture fixture = ListRepoFixture.create(dir, revoked);
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        var refused =
                org.junit.jupiter.api.Assertions.assertThrows(
                        SelfVerifyFailedException.class,
                        () ->
                                Release.run(
                                        new Release.Request(
                                                fixture.listRepository(),
                                                Instant.parse(NOW),
                                                stillUnrevoked::signer,
                                                new ReleaseTransaction.Identity(
                                                        "release bot", "release@example.invalid"),
                                                "origin",
                                                true),
                                        step -> {}));
        assertTrue(refused.getMessage().contains("nothing was committed"), refused.getMessage());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void aKeyThatIsNoMaintainerIsRefused() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        TestKey outsider = TestKeys.ed25519("outsider");
        Path outsiderKey = outsider.writeSecret(dir.resolve("outsider"));
        Path passphrase = dir.resolve("passphrase");
        Files.writeString(passphrase, TestKeys.PASSPHRASE + "\n");
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        CliRun run =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "release",
                        "--key",
                        outsiderKey.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        NOW,
                        "--allow-now-far-from-clock");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "the signing key "
                                        + outsider.fingerprint()
                                        + " is not listed under \"maintainers\""),
                run.toString());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
    }

    @Test
    void aPushRefusedByTheRemoteLeavesBothSidesAsTheyWere() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        try (Git remote = Git.open(fixture.remote.toFile())) {
            remote.tag().setName(TAG).setAnnotated(false).call();
        }
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        Map<String, String> files = ListRepoFixture.files(fixture.list);
        Map<String, String> remote = ListRepoFixture.refs(fixture.remote);
        CliRun run = release(fixture, NOW);
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'origin' refused the push"), run.toString());
        assertTrue(run.err().contains("nothing was released"), run.toString());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));
        assertEquals(files, ListRepoFixture.files(fixture.list));
        assertEquals(remote, ListRepoFixture.refs(fixture.remote));
    }

    @Test
    void noPushThenPublishThenStatus() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Map<String, String> remoteBefore = ListRepoFixture.refs(fixture.remote);
        CliRun prepared = release(fixture, NOW, "--no-push");
        assertEquals(0, prepared.exitCode(), prepared.toString());
        assertTrue(
                prepared.out().contains("prepared " + NOW + " as " + TAG + " (not pushed)"),
                prepared.toString());
        assertEquals(remoteBefore, ListRepoFixture.refs(fixture.remote));

        CliRun published =
                CliRun.of(
                        "-C", fixture.list.toString(), "publish", "--now", at(Duration.ofHours(1)));
        assertEquals(0, published.exitCode(), published.toString());
        assertTrue(ListRepoFixture.refs(fixture.remote).containsKey("refs/tags/" + TAG));
        assertEquals(
                ListRepoFixture.refs(fixture.list).get("refs/heads/main"),
                ListRepoFixture.refs(fixture.remote).get("refs/heads/main"));

        CliRun fresh =
                CliRun.of(
                        "-C", fixture.list.toString(), "status", "--now", at(Duration.ofHours(12)));
        assertEquals(0, fresh.exitCode(), fresh.toString());
        assertTrue(fresh.out().contains("timestamp: " + NOW), fresh.toString());
        assertTrue(fresh.out().contains("expires:   " + at(Duration.ofDays(14))), fresh.toString());
        assertTrue(fresh.out().contains("signed by: " + key.fingerprint()), fresh.toString());
        assertTrue(fresh.out().contains("status:    ok"), fresh.toString());

        CliRun remote =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "status",
                        "--remote",
                        "origin",
                        "--now",
                        at(Duration.ofHours(12)));
        assertEquals(0, remote.exitCode(), remote.toString());
        assertTrue(
                remote.out().contains("list:      origin/main:release/policy.json"),
                remote.toString());

        CliRun due =
                CliRun.of("-C", fixture.list.toString(), "status", "--now", at(Duration.ofDays(8)));
        assertEquals(1, due.exitCode(), due.toString());
        assertTrue(due.out().contains("RELEASE DUE"), due.toString());

        CliRun expired =
                CliRun.of(
                        "-C", fixture.list.toString(), "status", "--now", at(Duration.ofDays(15)));
        assertEquals(1, expired.exitCode(), expired.toString());
        assertTrue(expired.out().contains("EXPIRED"), expired.toString());

        // A commit on top of the release: its tag is no longer at HEAD, so there is nothing to
        // publish.
        Files.writeString(fixture.list.resolve("notes.md"), "after the release\n");
        try (Git git = fixture.git()) {
            git.add().addFilepattern("notes.md").call();
            ListRepoFixture.commit(git, "A commit after the release");
        }
        CliRun moved =
                CliRun.of(
                        "-C", fixture.list.toString(), "publish", "--now", at(Duration.ofHours(2)));
        assertEquals(1, moved.exitCode(), moved.toString());
        assertTrue(moved.err().contains("tag " + TAG + " points at"), moved.toString());
        try (Git git = fixture.git()) {
            git.reset()
                    .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                    .setRef("HEAD~1")
                    .call();
        }

        CliRun again =
                CliRun.of(
                        "-C", fixture.list.toString(), "publish", "--now", at(Duration.ofHours(2)));
        assertEquals(
                0,
                again.exitCode(),
                "publishing what is already published changes nothing: " + again);
        assertFalse(again.err().contains("refused"), again.toString());
    }
}
