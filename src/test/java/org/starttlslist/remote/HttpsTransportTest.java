package org.starttlslist.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
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
 * Fetch and push over HTTPS to git http-backend behind nginx (TLS with a test CA, basic auth) on
 * 127.0.0.1: a token from the environment, from git's credential helper or from GIT_ASKPASS works;
 * a wrong one is "authentication refused"; a reader's push is "permission denied"; the token is in
 * no message and no file.
 */
@ExtendWith(GitConfigIsolation.class)
class HttpsTransportTest {
    static final String TOKEN = "tok-maintainer-7f3a9c1e5b";
    static final String READER_TOKEN = "tok-reader-2b8d4e6f0a";

    @TempDir static Path serverDir;
    static TestGitHttpsServer server;

    @TempDir Path tmp;
    TestHome home;
    Path bare;
    Git clone;
    final List<String> messages = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestGitHttpsServer.start(serverDir.resolve("https"), TOKEN, READER_TOKEN);
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
        home.env.put("GIT_CONFIG_NOSYSTEM", "1");
        home.env.put("GIT_TERMINAL_PROMPT", "0");
        bare = server.bareRepository("list-" + System.nanoTime() + ".git");
        clone =
                Git.init()
                        .setDirectory(tmp.resolve("clone").toFile())
                        .setInitialBranch("main")
                        .call();
        Files.writeString(tmp.resolve("clone/README"), "one\n");
        clone.add().addFilepattern("README").call();
        PersonIdent ident = new PersonIdent("t", "t@example.invalid");
        clone.commit().setMessage("one").setSign(false).setAuthor(ident).setCommitter(ident).call();
        clone.remoteAdd().setName("origin").setUri(new URIish(server.url(bare))).call();
        StoredConfig config = clone.getRepository().getConfig();
        config.setString("http", null, "sslCAInfo", server.caFile.toString());
        config.save();
    }

    @AfterEach
    void tearDown() throws Exception {
        clone.close();
        home.close();
        for (String message : messages) {
            assertFalse(
                    message.contains(TOKEN) || message.contains(READER_TOKEN),
                    "a token leaked into: " + message);
        }
        assertNoFileContainsToken(tmp);
    }

    private void pushAndFetch() {
        GitRemote remote = GitRemote.named(clone, "origin");
        remote.pushAtomically(List.of("refs/heads/main"));
        assertEquals(Optional.of(head()), remote.fetchBranch("main"));
    }

    private ObjectId head() {
        try {
            return clone.getRepository().resolve("refs/heads/main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tokenFromEnvironmentPushesAndFetches() throws Exception {
        home.env.put(HttpsCredentials.TOKEN, TOKEN);
        home.env.put(HttpsCredentials.USERNAME, "maintainer");
        pushAndFetch();
        assertEquals(head(), SshTransportTest.refs(bare).get("refs/heads/main"));
    }

    @Test
    void wrongTokenIsAuthenticationRefusedAndNothingMoves() throws Exception {
        home.env.put(HttpsCredentials.TOKEN, "tok-wrong-000");
        home.env.put(HttpsCredentials.USERNAME, "maintainer");
        Map<String, ObjectId> localBefore =
                SshTransportTest.refs(clone.getRepository().getDirectory().toPath());
        AuthenticationRefusedException e =
                assertThrows(
                        AuthenticationRefusedException.class,
                        () ->
                                GitRemote.named(clone, "origin")
                                        .pushAtomically(List.of("refs/heads/main")));
        messages.add(e.getMessage());
        assertTrue(e.getMessage().contains("authentication refused"), e.getMessage());
        assertTrue(e.getMessage().contains(HttpsCredentials.TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("tok-wrong-000"), e.getMessage());
        assertEquals(Map.of(), SshTransportTest.refs(bare));
        assertEquals(
                localBefore, SshTransportTest.refs(clone.getRepository().getDirectory().toPath()));
    }

    @Test
    void credentialsFromGitCredentialHelper() throws Exception {
        Path helper = tmp.resolve("helper.sh");
        Files.writeString(
                helper,
                "#!/bin/sh\n[ \"$1\" = get ] || exit 0\ncat >/dev/null\n"
                        + "echo username=maintainer\necho password="
                        + TOKEN
                        + "\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(
                home.home.resolve(".gitconfig"), "[credential]\n\thelper = " + helper + "\n");
        pushAndFetch();
        // the helper script itself holds the token; nothing else may
        Files.delete(helper);
    }

    @Test
    void credentialsFromGitAskPass() throws Exception {
        Path askpass = tmp.resolve("askpass.sh");
        Files.writeString(
                askpass,
                "#!/bin/sh\ncase \"$1\" in Username*) echo maintainer ;; *) echo "
                        + TOKEN
                        + " ;; esac\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        home.env.put("GIT_ASKPASS", askpass.toString());
        pushAndFetch();
        Files.delete(askpass);
    }

    @Test
    void githubTokenIsOnlySentToTheGithubServer() throws Exception {
        home.env.put("GITHUB_TOKEN", TOKEN);
        // Default GITHUB_SERVER_URL is github.com: the token is not offered to 127.0.0.1.
        home.env.put("PATH", tmp.resolve("no-git").toString()); // no credential helper either
        AuthenticationRefusedException e =
                assertThrows(
                        AuthenticationRefusedException.class,
                        () -> GitRemote.named(clone, "origin").fetchBranch("main"));
        messages.add(e.getMessage());
        assertTrue(e.getMessage().contains("authentication refused"), e.getMessage());
        home.env.put("GITHUB_SERVER_URL", "https://127.0.0.1:" + server.port);
        GitRemote.named(clone, "origin").fetchBranch("main"); // now offered, as x-access-token
    }

    @Test
    void mirrorWithAWrongTokenSaysSoInOneLineWithoutTheToken() throws Exception {
        home.env.put(HttpsCredentials.TOKEN, TOKEN + "-wrong");
        home.env.put(HttpsCredentials.USERNAME, "maintainer");
        home.env.put("GIT_SSL_CAINFO", server.caFile.toString());
        Path into = tmp.resolve("mirror");
        org.starttlslist.testing.CliRun run =
                org.starttlslist.testing.CliRun.of(
                        "mirror",
                        "--from",
                        server.url(bare),
                        // A mirror trusts the CA its operator names (--ca-file), over git's
                        // GIT_SSL_CAINFO.
                        "--ca-file",
                        server.caFile.toString(),
                        "--keys",
                        org.starttlslist.testing.TestKeys.ed25519("pinned")
                                .writePublic(tmp.resolve("pinned"))
                                .toString(),
                        "--into",
                        into.toString());
        messages.add(run.out());
        messages.add(run.err());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("authentication refused"), run::toString);
    }

    @Test
    void readerPushIsPermissionDenied() throws Exception {
        home.env.put(HttpsCredentials.TOKEN, READER_TOKEN);
        home.env.put(HttpsCredentials.USERNAME, "reader");
        GitRemote remote = GitRemote.named(clone, "origin");
        assertEquals(Optional.empty(), remote.fetchBranch("main"));
        PushPermissionDeniedException e =
                assertThrows(
                        PushPermissionDeniedException.class,
                        () -> remote.pushAtomically(List.of("refs/heads/main")));
        messages.add(e.getMessage());
        assertEquals(Map.of(), SshTransportTest.refs(bare));
    }

    @Test
    void untrustedCertificateIsReportedWithTheFix() throws Exception {
        StoredConfig config = clone.getRepository().getConfig();
        config.unset("http", null, "sslCAInfo");
        config.save();
        home.env.put(HttpsCredentials.TOKEN, TOKEN);
        HostUnreachableException e =
                assertThrows(
                        HostUnreachableException.class,
                        () -> GitRemote.named(clone, "origin").fetchBranch("main"));
        messages.add(e.getMessage());
        assertTrue(e.getMessage().contains("http.sslCAInfo"), e.getMessage());
    }

    private static void assertNoFileContainsToken(Path root) throws Exception {
        byte[] token = TOKEN.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(
                        content.contains(new String(token, StandardCharsets.ISO_8859_1)),
                        "token written to " + file);
            }
        }
    }
}
