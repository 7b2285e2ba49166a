package org.starttlslist.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.release.GitRemote;
import org.starttlslist.testing.GitConfigIsolation;

/**
 * Fetch and push over SSH to a real OpenSSH server on 127.0.0.1, with the client's key and
 * known_hosts in a temporary home: the right key works; a wrong key, an unknown host key and a
 * changed host key are each refused with their own error, and nothing moves on either side.
 */
@ExtendWith(GitConfigIsolation.class)
class SshTransportTest {
    @TempDir static Path serverDir;
    static TestSshServer server;

    @TempDir Path tmp;
    TestHome home;
    Path bare;
    Git clone;

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
        bare = server.bareRepository("list-" + System.nanoTime() + ".git");
        clone =
                Git.init()
                        .setDirectory(tmp.resolve("clone").toFile())
                        .setInitialBranch("main")
                        .call();
        Files.writeString(tmp.resolve("clone/README"), "one\n");
        clone.add().addFilepattern("README").call();
        clone.commit()
                .setMessage("one")
                .setSign(false)
                .setAuthor(ident())
                .setCommitter(ident())
                .call();
        clone.remoteAdd().setName("origin").setUri(new URIish(server.url(bare))).call();
    }

    @AfterEach
    void tearDown() {
        clone.close();
        home.close();
    }

    private static PersonIdent ident() {
        return new PersonIdent("t", "t@example.invalid");
    }

    @Test
    void rightKeyAndKnownHostPushesAndFetches() throws Exception {
        server.authorize(home.sshKey("id_ed25519"));
        home.knownHosts(server.knownHostsLine());
        GitRemote remote = GitRemote.named(clone, "origin");
        remote.pushAtomically(List.of("refs/heads/main"));
        ObjectId head = clone.getRepository().resolve("refs/heads/main");
        assertEquals(head, refs(bare).get("refs/heads/main"));
        assertEquals(Optional.of(head), remote.fetchBranch("main"));
    }

    @Test
    void keyFromIdentityFileInSshConfigIsUsed() throws Exception {
        Path pub = home.sshKey("maintainer_key");
        server.authorize(pub);
        home.knownHosts(server.knownHostsLine());
        Files.writeString(
                home.ssh.resolve("config"),
                "Host 127.0.0.1\n  IdentityFile ~/.ssh/maintainer_key\n  IdentitiesOnly yes\n");
        GitRemote.named(clone, "origin").pushAtomically(List.of("refs/heads/main"));
        assertTrue(refs(bare).containsKey("refs/heads/main"));
    }

    @Test
    void keyInSshAgentIsUsed() throws Exception {
        assertTrue(Programs.installed("/usr/bin/ssh-agent"));
        Path pub = home.sshKey("agent_only");
        server.authorize(pub);
        home.knownHosts(server.knownHostsLine());
        Path socket = tmp.resolve("agent.sock");
        String started = Programs.run(tmp, "/usr/bin/ssh-agent", "-s", "-a", socket.toString());
        String pid = started.replaceAll("(?s).*SSH_AGENT_PID=(\\d+);.*", "$1");
        try {
            Programs.run(
                    tmp,
                    Map.of("SSH_AUTH_SOCK", socket.toString()),
                    "/usr/bin/ssh-add",
                    "-q",
                    home.ssh.resolve("agent_only").toString());
            // The key is only in the agent now.
            Files.delete(home.ssh.resolve("agent_only"));
            home.env.put("SSH_AUTH_SOCK", socket.toString());
            GitRemote.named(clone, "origin").pushAtomically(List.of("refs/heads/main"));
            assertTrue(refs(bare).containsKey("refs/heads/main"));
        } finally {
            Programs.run(tmp, "/bin/kill", pid);
        }
    }

    @Test
    void wrongKeyIsAuthenticationRefused() throws Exception {
        server.authorize(home.sshKey("someone_else"));
        Files.delete(home.ssh.resolve("someone_else"));
        home.sshKey("id_ed25519"); // present, but not authorized
        home.knownHosts(server.knownHostsLine());
        Map<String, ObjectId> localBefore = refs(clone.getRepository().getDirectory().toPath());
        AuthenticationRefusedException e =
                assertThrows(
                        AuthenticationRefusedException.class,
                        () ->
                                GitRemote.named(clone, "origin")
                                        .pushAtomically(List.of("refs/heads/main")));
        assertTrue(e.getMessage().contains("authentication refused"), e.getMessage());
        assertTrue(e.getMessage().contains("SSH key"), e.getMessage());
        assertEquals(Map.of(), refs(bare));
        assertEquals(localBefore, refs(clone.getRepository().getDirectory().toPath()));
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprintAndHowToAccept() throws Exception {
        server.authorize(home.sshKey("id_ed25519"));
        // ~/.ssh/config asking to accept anything does not weaken the check.
        Files.writeString(home.ssh.resolve("config"), "Host *\n  StrictHostKeyChecking no\n");
        String expected =
                Programs.run(
                                tmp,
                                "/usr/bin/ssh-keygen",
                                "-l",
                                "-E",
                                "sha256",
                                "-f",
                                server.dir.resolve("host_ed25519.pub").toString())
                        .split(" ")[1];
        HostKeyUnknownException e =
                assertThrows(
                        HostKeyUnknownException.class,
                        () -> GitRemote.named(clone, "origin").fetchBranch("main"));
        assertEquals(expected, e.fingerprint());
        assertTrue(
                e.getMessage()
                        .contains(
                                "ssh-keyscan -p "
                                        + server.port
                                        + " 127.0.0.1 >> ~/.ssh/known_hosts"),
                e.getMessage());
        assertTrue(
                !Files.exists(home.ssh.resolve("known_hosts")), "known_hosts must not be written");
        assertEquals(Map.of(), refs(bare));
    }

    @Test
    void mirrorFromAnUnknownHostFailsWithOneLineAndExit3() throws Exception {
        server.authorize(home.sshKey("id_ed25519"));
        Path into = tmp.resolve("mirror");
        org.starttlslist.testing.CliRun run =
                org.starttlslist.testing.CliRun.of(
                        "mirror",
                        "--from",
                        server.url(bare),
                        "--keys",
                        org.starttlslist.testing.TestKeys.ed25519("pinned")
                                .writePublic(tmp.resolve("pinned"))
                                .toString(),
                        "--into",
                        into.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().startsWith("mirror: "), run::toString);
        assertTrue(
                run.err().contains("is unknown")
                        && run.err().contains("ssh-keyscan -p " + server.port),
                run::toString);
        assertTrue(!Files.exists(into.resolve("current")), run::toString);
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        server.authorize(home.sshKey("id_ed25519"));
        Path other = tmp.resolve("other_host_key");
        Programs.run(
                tmp,
                "/usr/bin/ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                other.toString());
        String[] otherKey = Files.readString(Path.of(other + ".pub")).trim().split(" ");
        home.knownHosts("[127.0.0.1]:" + server.port + " " + otherKey[0] + " " + otherKey[1]);
        String knownBefore = Files.readString(home.ssh.resolve("known_hosts"));
        HostKeyChangedException e =
                assertThrows(
                        HostKeyChangedException.class,
                        () ->
                                GitRemote.named(clone, "origin")
                                        .pushAtomically(List.of("refs/heads/main")));
        assertTrue(e.getMessage().contains("CHANGED"), e.getMessage());
        assertTrue(
                e.getMessage().contains("ssh-keygen -R '[127.0.0.1]:" + server.port + "'"),
                e.getMessage());
        assertEquals(knownBefore, Files.readString(home.ssh.resolve("known_hosts")));
        assertEquals(Map.of(), refs(bare));
    }

    @Test
    void readOnlyKeyIsPushPermissionDenied() throws Exception {
        server.authorizeReadOnly(home.sshKey("id_ed25519"));
        home.knownHosts(server.knownHostsLine());
        GitRemote remote = GitRemote.named(clone, "origin");
        assertEquals(Optional.empty(), remote.fetchBranch("main")); // reading works
        PushPermissionDeniedException e =
                assertThrows(
                        PushPermissionDeniedException.class,
                        () -> remote.pushAtomically(List.of("refs/heads/main")));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        assertEquals(Map.of(), refs(bare));
    }

    @Test
    void closedPortIsHostUnreachable() throws Exception {
        int closed = Programs.freePort();
        clone.getRepository()
                .getConfig()
                .setString(
                        "remote",
                        "origin",
                        "url",
                        "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + closed + bare);
        HostUnreachableException e =
                assertThrows(
                        HostUnreachableException.class,
                        () -> GitRemote.named(clone, "origin").fetchBranch("main"));
        assertTrue(e.getMessage().contains("host unreachable"), e.getMessage());
        // Every remote failure names the remote as the user gave it.
        RemoteException failure = e;
        assertEquals("origin", failure.remote());
    }

    /** Every ref of a repository (bare or .git directory) and where it points. */
    static Map<String, ObjectId> refs(Path gitDir) throws Exception {
        Map<String, ObjectId> refs = new TreeMap<>();
        try (Git git = Git.open(gitDir.toFile())) {
            for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    refs.put(ref.getName(), ref.getObjectId());
                }
            }
        }
        return refs;
    }
}
