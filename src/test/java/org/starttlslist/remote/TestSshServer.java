package org.starttlslist.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSH's sshd, started for one test class from its own configuration, host key and
 * authorized_keys in a temporary directory, listening on 127.0.0.1 only. It serves the bare
 * repositories under {@link #repos} to the user running the tests. The machine's /etc/ssh is never
 * read ({@code -f} names our file, and every setting that matters is in it).
 */
// "try": close() may throw InterruptedException (it waits for the server to stop); tests close it
// with try-with-resources and let that propagate.
@SuppressWarnings("try")
final class TestSshServer implements AutoCloseable {
    static final String SSHD = "/usr/sbin/sshd";

    final Path dir;
    final Path repos;
    final int port;
    final String hostKeyLine;
    private final Process process;
    private final Path authorizedKeys;

    private TestSshServer(
            Path dir,
            Path repos,
            int port,
            String hostKeyLine,
            Process process,
            Path authorizedKeys) {
        this.dir = dir;
        this.repos = repos;
        this.port = port;
        this.hostKeyLine = hostKeyLine;
        this.process = process;
        this.authorizedKeys = authorizedKeys;
    }

    static void assumeAvailable() {
        assumeTrue(
                Programs.installed(SSHD),
                "OpenSSH sshd is not installed (apt-get install openssh-server); .ci/run installs it");
        assumeTrue(Programs.installed("/usr/bin/ssh-keygen"), "ssh-keygen is not installed");
        assumeTrue(
                Programs.installed("/usr/bin/git"),
                "git is not installed; sshd runs git-upload-pack/git-receive-pack");
    }

    static TestSshServer start(Path dir) throws IOException, InterruptedException {
        assumeAvailable();
        // sshd insists on its privilege separation directory; Debian creates it only when the
        // service starts, which it never does here.
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            try {
                Files.createDirectories(privsep);
            } catch (IOException e) {
                assumeTrue(
                        false, "sshd needs /run/sshd and it cannot be created: " + e.getMessage());
            }
        }
        Files.createDirectories(dir);
        Path repos = Files.createDirectories(dir.resolve("repos"));
        Path hostKey = dir.resolve("host_ed25519");
        Programs.run(
                dir,
                "/usr/bin/ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "test-host",
                "-f",
                hostKey.toString());
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.writeString(authorizedKeys, "");
        Path readOnly = dir.resolve("read-only.sh");
        Files.writeString(
                readOnly,
                """
                #!/bin/sh
                # A key that may fetch but not push, as a hosting service gives a reader.
                case "$SSH_ORIGINAL_COMMAND" in
                  git-upload-pack*) exec /bin/sh -c "$SSH_ORIGINAL_COMMAND" ;;
                  *) echo "ERROR: Permission denied: this key is read-only" >&2; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
        int port = Programs.freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "PidFile none",
                        "AuthorizedKeysFile " + authorizedKeys,
                        "StrictModes no",
                        "UsePAM no",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "AllowTcpForwarding no",
                        "X11Forwarding no",
                        "PrintMotd no",
                        "LogLevel INFO",
                        ""));
        Process process =
                new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString())
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        // sshd says when it listens; read until then (no sleep), then keep draining its log.
        BufferedReader log =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = log.readLine()) != null) {
            seen.add(line);
            if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                break;
            }
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("sshd did not start: " + String.join("\n", seen));
        }
        Path logFile = dir.resolve("sshd.log");
        Thread drain =
                new Thread(
                        () -> {
                            try (var out = Files.newBufferedWriter(logFile)) {
                                String l;
                                while ((l = log.readLine()) != null) {
                                    out.write(l);
                                    out.newLine();
                                    out.flush();
                                }
                            } catch (IOException e) {
                                // sshd stopped
                            }
                        },
                        "sshd-log");
        drain.setDaemon(true);
        drain.start();
        String hostKeyLine = Files.readString(Path.of(hostKey + ".pub")).trim();
        return new TestSshServer(dir, repos, port, hostKeyLine, process, authorizedKeys);
    }

    /**
     * A bare repository served as {@code ssh://USER@127.0.0.1:PORT/abs/path}, with main as HEAD.
     */
    Path bareRepository(String name) throws IOException, InterruptedException {
        Path repo = repos.resolve(name);
        Programs.run(
                repos,
                "/usr/bin/git",
                "init",
                "-q",
                "--bare",
                "--initial-branch=main",
                repo.toString());
        return repo;
    }

    String url(Path bare) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + bare;
    }

    /** The known_hosts line for this server. */
    String knownHostsLine() {
        String[] parts = hostKeyLine.split(" ");
        return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
    }

    void authorize(Path publicKey) throws IOException {
        Files.writeString(
                authorizedKeys,
                Files.readString(publicKey).trim() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    void authorizeReadOnly(Path publicKey) throws IOException {
        Files.writeString(
                authorizedKeys,
                "command=\""
                        + dir.resolve("read-only.sh")
                        + "\",no-pty,no-port-forwarding "
                        + Files.readString(publicKey).trim()
                        + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
