package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;

/** The mirror against a real bare git remote in a temporary directory ({@code file:} URL). */
@ExtendWith(GitConfigIsolation.class)
class MirrorGitTest {
    @TempDir static Path shared;
    static MaintainerKey maintainer;

    @TempDir Path tmp;
    Path mirror;
    Path remote;
    Git work;

    @BeforeAll
    static void makeKey() throws Exception {
        maintainer = MaintainerKey.create(shared, "maintainer", TestLists.KEY_CREATED);
    }

    @BeforeEach
    void makeRemote() throws Exception {
        mirror = tmp.resolve("mirror");
        remote = tmp.resolve("remote.git");
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        work =
                Git.init()
                        .setDirectory(tmp.resolve("work").toFile())
                        .setInitialBranch("main")
                        .call();
    }

    /**
     * Commits release/policy.json (+ .asc unless null), tags it list-<timestamp> when asked,
     * pushes.
     */
    RevCommit release(byte[] list, byte[] signature, Instant timestamp, boolean tag)
            throws Exception {
        Path dir = work.getRepository().getWorkTree().toPath().resolve("release");
        Files.createDirectories(dir);
        Files.write(dir.resolve("policy.json"), list);
        if (signature == null) {
            Files.deleteIfExists(dir.resolve("policy.json.asc"));
        } else {
            Files.write(dir.resolve("policy.json.asc"), signature);
        }
        work.add().addFilepattern("release").call();
        work.add().setUpdate(true).addFilepattern("release").call();
        PersonIdent who =
                new PersonIdent("Release", "release@test.invalid", timestamp, ZoneOffset.UTC);
        RevCommit commit =
                work.commit()
                        .setMessage("Release " + timestamp)
                        .setAuthor(who)
                        .setCommitter(who)
                        .setSign(false)
                        .call();
        var push =
                work.push()
                        .setRemote(remote.toUri().toString())
                        .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"));
        if (tag) {
            String name = "list-" + ListTimes.format(timestamp).replace("-", "").replace(":", "");
            work.tag()
                    .setName(name)
                    .setAnnotated(true)
                    .setMessage(name)
                    .setTagger(who)
                    .setSigned(false)
                    .setObjectId(commit)
                    .call();
            push.setPushTags();
        }
        push.call();
        return commit;
    }

    byte[] releaseSigned(Instant timestamp, int domains, boolean tag) throws Exception {
        byte[] list = TestLists.list(timestamp, domains);
        release(list, maintainer.sign(list, timestamp), timestamp, tag);
        return list;
    }

    CliRun mirrorAt(String from, Instant now) {
        return CliRun.of(
                "mirror",
                "--from",
                from,
                "--keys",
                maintainer.publicKey().toString(),
                "--into",
                mirror.toString(),
                "--now",
                ListTimes.format(now));
    }

    String url() {
        return remote.toUri().toString();
    }

    @Test
    void installsTheNewestListTagNotTheBranchTip() throws Exception {
        releaseSigned(at(0), 1, true);
        byte[] tagged = releaseSigned(at(6), 2, true);
        releaseSigned(at(12), 3, false); // on main, not tagged yet
        CliRun run = mirrorAt(url(), at(13));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("at list-20261101T060000Z"), run.out());
        assertArrayEquals(tagged, TestLists.installedList(mirror));
        assertTrue(Files.isDirectory(mirror.resolve(".cache/git/objects")));
        // Shallow: the cache holds the tagged commit without its history.
        assertTrue(Files.exists(mirror.resolve(".cache/git/shallow")), "the fetch was not shallow");
    }

    @Test
    void aBranchIsNamedAfterAHash() throws Exception {
        releaseSigned(at(0), 1, true);
        byte[] tip = releaseSigned(at(6), 2, false);
        CliRun run = mirrorAt(url() + "#main", at(7));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(tip, TestLists.installedList(mirror));
        // A second run reuses the cache and finds nothing new.
        CliRun again = mirrorAt(url() + "#main", at(8));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().startsWith("Already current"), again.out());
    }

    @Test
    void aNewerTagIsPickedUpOnTheNextRun() throws Exception {
        releaseSigned(at(0), 1, true);
        assertEquals(0, mirrorAt(url(), at(1)).exitCode());
        byte[] newer = releaseSigned(at(6), 2, true);
        CliRun run = mirrorAt(url(), at(7));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(newer, TestLists.installedList(mirror));
    }

    @Test
    void aTaggedCommitWithoutTheSignatureIsRefusedAndNothingChanges() throws Exception {
        releaseSigned(at(0), 1, true);
        assertEquals(0, mirrorAt(url(), at(1)).exitCode());
        release(TestLists.list(at(6), 2), null, at(6), true);
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun run = mirrorAt(url(), at(7));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("release/policy.json.asc is not in the tree"), run.err());
        assertEquals(before, TestLists.snapshot(mirror));
    }

    @Test
    void aRollbackTagIsRefused() throws Exception {
        releaseSigned(at(12), 2, false);
        assertEquals(0, mirrorAt(url() + "#main", at(13)).exitCode());
        // Someone tags an older list as the newest.
        byte[] older = TestLists.list(at(6), 1);
        release(older, maintainer.sign(older, at(6)), at(20), true);
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun run = mirrorAt(url(), at(21));
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(before, TestLists.snapshot(mirror));
    }

    @Test
    void aRemoteWithoutListTagsSaysHowToNameABranch() throws Exception {
        releaseSigned(at(0), 1, false);
        CliRun run = mirrorAt(url(), at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "no list-<yyyyMMdd'T'HHmmss'Z'> tag; name a branch instead with "
                                        + url()
                                        + "#BRANCH"),
                run.err());
    }

    @Test
    void anUnreachableRemoteCannotBeFetched() throws IOException {
        CliRun run = mirrorAt(tmp.resolve("nowhere.git").toUri().toString(), at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("mirror: cannot fetch"), run.err());
        List<String> left = new ArrayList<>(TestLists.snapshot(mirror).keySet());
        assertEquals(List.of(), left);
    }

    /** An annotated tag named {@code name} on {@code target}, pushed. */
    void tag(String name, org.eclipse.jgit.revwalk.RevObject target) throws Exception {
        PersonIdent who = new PersonIdent("Someone", "someone@test.invalid", at(0), ZoneOffset.UTC);
        work.tag()
                .setName(name)
                .setAnnotated(true)
                .setMessage(name)
                .setTagger(who)
                .setSigned(false)
                .setObjectId(target)
                .call();
        work.push().setRemote(remote.toUri().toString()).setPushTags().call();
    }

    @Test
    void tagsThatAreNotRealPastInstantsAreSkippedAndNamed() throws Exception {
        RevCommit first = release(TestLists.list(at(0), 1), null, at(0), false);
        tag("list-99999999T999999Z", first);
        tag("list-20991231T000000Z", first);
        tag("list-latest", first);
        byte[] real = releaseSigned(at(6), 2, true);
        CliRun run = mirrorAt(url(), at(7));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(real, TestLists.installedList(mirror));
        assertTrue(run.out().contains("note: skipped 3 tag(s) of " + url()), run.out());
        assertTrue(
                run.out().contains("list-99999999T999999Z (not a real date and time)"), run.out());
        assertTrue(
                run.out()
                        .contains(
                                "list-20991231T000000Z (names a time after now, 2026-11-01T07:00:00Z)"),
                run.out());
        assertTrue(run.out().contains("list-latest (not list-yyyyMMddTHHmmssZ)"), run.out());
    }

    @Test
    void aTagWhoseNameIsNotItsListsTimestampIsRefused() throws Exception {
        byte[] old = TestLists.list(at(0), 1);
        RevCommit oldCommit = release(old, maintainer.sign(old, at(0)), at(0), false);
        tag("list-20261101T120000Z", oldCommit);
        CliRun run = mirrorAt(url(), at(13));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "the tag names the list of 2026-11-01T12:00:00Z but holds the list of 2026-11-01T00:00:00Z"),
                run.err());
        assertEquals(List.of(), new ArrayList<>(TestLists.snapshot(mirror).keySet()));
    }

    @Test
    void aTagWhoseNameIsNotItsListsTimestampCarriesBothInstants() throws Exception {
        byte[] old = TestLists.list(at(0), 1);
        RevCommit oldCommit = release(old, maintainer.sign(old, at(0)), at(0), false);
        tag("list-20261101T120000Z", oldCommit);
        MirrorLayout layout = new MirrorLayout(mirror);
        Mirror direct =
                new Mirror(
                        layout,
                        new Mirror.Options(
                                ListVerifier.Options.of(
                                        PinnedKeys.load(List.of(maintainer.publicKey())), at(13)),
                                FetchLimits.defaults(),
                                Duration.ofSeconds(5),
                                Mirror.DEFAULT_KEEP));
        GitSource source =
                new GitSource(
                        url(),
                        Optional.empty(),
                        layout,
                        HttpsSettings.defaults(Duration.ofSeconds(10)),
                        Duration.ofSeconds(10),
                        at(13));
        var e = assertThrows(TagMismatchException.class, () -> direct.install(source));
        assertEquals(Instant.parse("2026-11-01T12:00:00Z"), e.claimed());
        assertEquals(at(0), e.actual());
        assertEquals(List.of(), new ArrayList<>(TestLists.snapshot(mirror).keySet()));
    }

    @Test
    void aBogusNewestTagDoesNotBlockTheRealOne() throws Exception {
        byte[] old = TestLists.list(at(0), 1);
        RevCommit oldCommit = release(old, maintainer.sign(old, at(0)), at(0), false);
        byte[] real = releaseSigned(at(6), 2, true);
        tag("list-20261101T120000Z", oldCommit); // newer by name, an old release inside
        CliRun run = mirrorAt(url(), at(13));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(real, TestLists.installedList(mirror));
        assertTrue(
                run.out().contains("note: refused " + url() + " at list-20261101T120000Z"),
                run.out());
        assertTrue(run.out().contains("trying the next older tag"), run.out());
    }

    @Test
    void aTagOfABlobIsAFailedFetchInOneLine() throws Exception {
        releaseSigned(at(0), 1, false);
        org.eclipse.jgit.lib.ObjectId blobId;
        try (var inserter = work.getRepository().newObjectInserter()) {
            blobId =
                    inserter.insert(
                            org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                            "not a release".getBytes(StandardCharsets.US_ASCII));
            inserter.flush();
        }
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(work.getRepository())) {
            tag("list-20261101T000000Z", walk.lookupBlob(blobId));
        }
        CliRun run = mirrorAt(url(), at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(1, run.err().strip().lines().count(), run.toString());
        assertTrue(run.err().startsWith("mirror: cannot fetch"), run.err());
        assertTrue(!run.err().contains("internal error"), run.err());
    }

    @Test
    void theGitDownloadIsCapped() throws Exception {
        releaseSigned(at(0), 200, true);
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--from",
                        url(),
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        ListTimes.format(at(1)),
                        "--max-repository-bytes",
                        "2000");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "the git download from "
                                        + url()
                                        + " is larger than 2000 bytes; refused (raise"
                                        + " --max-repository-bytes"),
                run.err());
        assertTrue(!Files.exists(mirror.resolve("current")));
    }

    @Test
    void gitOverHttpsRefusesConnectionsToAnotherHost() throws Exception {
        GitSource.HttpsPolicy policy =
                new GitSource.HttpsPolicy(
                        "https://git.example.test/list.git", java.util.Optional.empty());
        IOException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IOException.class,
                        () ->
                                policy.create(
                                        new java.net.URL(
                                                "https://elsewhere.example.test/list.git/info/refs")));
        assertTrue(e.getMessage().contains("stays on the scheme, host and port"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class,
                () ->
                        policy.create(
                                new java.net.URL("http://git.example.test/list.git/info/refs")));
        // Same scheme, host and port: a connection object (nothing is sent until it is used).
        policy.create(new java.net.URL("https://git.example.test:443/list.git/info/refs"));
    }
}
