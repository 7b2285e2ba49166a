package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
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

/** The mirror against a real bare git remote in a temporary directory ({@code file:} URL). */
@ExtendWith(GitConfigIsolation.class)
class MirrorGitTest {
    @TempDir
    static Path shared;
    static GpgTestKey maintainer;

    @TempDir
    Path tmp;
    Path mirror;
    Path remote;
    Git work;

    @BeforeAll
    static void makeKey() throws Exception {
        maintainer = GpgTestKey.create(shared, "maintainer", TestLists.KEY_CREATED);
    }

    @BeforeEach
    void makeRemote() throws Exception {
        mirror = tmp.resolve("mirror");
        remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        work = Git.init().setDirectory(tmp.resolve("work").toFile()).setInitialBranch("main").call();
    }

    /** Commits release/policy.json (+ .asc unless null), tags it list-<timestamp> when asked, pushes. */
    RevCommit release(byte[] list, byte[] signature, Instant timestamp, boolean tag) throws Exception {
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
        PersonIdent who = new PersonIdent("Release", "release@test.invalid", Date.from(timestamp), TimeZone.getTimeZone("UTC"));
        RevCommit commit = work.commit().setMessage("Release " + timestamp).setAuthor(who).setCommitter(who).setSign(false).call();
        var push = work.push().setRemote(remote.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"));
        if (tag) {
            String name = "list-" + ListTimes.format(timestamp).replace("-", "").replace(":", "");
            work.tag().setName(name).setAnnotated(true).setMessage(name).setTagger(who).setSigned(false).setObjectId(commit).call();
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
        return CliRun.of("mirror", "--from", from, "--keys", maintainer.publicKey().toString(), "--into", mirror.toString(),
                "--now", ListTimes.format(now));
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
        assertTrue(run.err().contains("no list-<yyyyMMdd'T'HHmmss'Z'> tag; name a branch instead with " + url() + "#BRANCH"), run.err());
    }

    @Test
    void anUnreachableRemoteCannotBeFetched() throws IOException {
        CliRun run = mirrorAt(tmp.resolve("nowhere.git").toUri().toString(), at(1));
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("mirror: cannot fetch"), run.err());
        List<String> left = new ArrayList<>(TestLists.snapshot(mirror).keySet());
        assertEquals(List.of(), left);
    }
}
