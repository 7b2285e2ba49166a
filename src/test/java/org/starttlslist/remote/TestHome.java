package org.starttlslist.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.util.SystemReader;

/**
 * A temporary home directory and environment for the code under test, installed as JGit's {@link
 * SystemReader} (which {@link RemoteAccess} reads): {@code ~/.ssh}, tokens and the agent socket are
 * the test's, never the developer's. Close to restore the previous reader.
 */
final class TestHome implements AutoCloseable {
    /** Variables that must never come from the developer's shell. */
    private static final Set<String> PRIVATE =
            Set.of(
                    "SSH_AUTH_SOCK",
                    "GITHUB_TOKEN",
                    "GITHUB_SERVER_URL",
                    HttpsCredentials.TOKEN,
                    HttpsCredentials.USERNAME,
                    "GIT_SSL_CAINFO",
                    "GIT_ASKPASS",
                    "SSH_ASKPASS",
                    "XDG_CONFIG_HOME");

    final Path home;
    final Path ssh;
    final Map<String, String> env = new HashMap<>();
    private final SystemReader previous;

    private TestHome(Path home, SystemReader previous) {
        this.home = home;
        this.ssh = home.resolve(".ssh");
        this.previous = previous;
    }

    static TestHome install(Path dir) throws IOException {
        Path home = Files.createDirectories(dir);
        Files.createDirectories(home.resolve(".ssh"));
        SystemReader previous = SystemReader.getInstance();
        TestHome testHome = new TestHome(home, previous);
        SystemReader.setInstance(
                new SystemReader.Delegate(previous) {
                    @Override
                    public String getenv(String variable) {
                        if (testHome.env.containsKey(variable)) {
                            return testHome.env.get(variable);
                        }
                        if (variable.equals("HOME")) {
                            return home.toString();
                        }
                        return PRIVATE.contains(variable) ? null : super.getenv(variable);
                    }

                    @Override
                    public String getProperty(String key) {
                        return key.equals("user.home") ? home.toString() : super.getProperty(key);
                    }
                });
        return testHome;
    }

    /** A new ed25519 key pair as ~/.ssh/NAME; returns the public key file. */
    Path sshKey(String name) throws IOException, InterruptedException {
        Path key = ssh.resolve(name);
        Programs.run(
                home,
                "/usr/bin/ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                name + "@test",
                "-f",
                key.toString());
        return Path.of(key + ".pub");
    }

    void knownHosts(String... lines) throws IOException {
        Files.writeString(ssh.resolve("known_hosts"), String.join("\n", lines) + "\n");
    }

    @Override
    public void close() {
        SystemReader.setInstance(previous);
    }
}
