package org.starttlslist.remote;

import java.io.File;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Everything a git command needs to reach a remote, for one run of the program: SSH as OpenSSH
 * would (~/.ssh/config, the user's keys, ssh-agent, known_hosts checked strictly), HTTPS with a
 * token from the environment or git's credential helpers, and {@code http.sslCAInfo}.
 *
 * <p>Use {@link #configure} on every fetch, push and ls-remote, and {@link #failure} on what they
 * throw, to say which of authentication, host key, reachability or push permission it was.
 */
public final class RemoteAccess {
    private final RemoteEnvironment environment;
    private final StrictKnownHosts knownHosts;
    private final HttpsCredentials credentials;
    private final Optional<Path> caFile;
    private SshdSessionFactory sshFactory;

    private RemoteAccess(
            RemoteEnvironment environment, Path workingDirectory, Optional<Config> config) {
        this.environment = environment;
        this.knownHosts = new StrictKnownHosts(environment.sshDirectory());
        this.credentials = new HttpsCredentials(environment, workingDirectory);
        this.caFile =
                environment
                        .variable("GIT_SSL_CAINFO")
                        .or(() -> config.map(c -> c.getString("http", null, "sslCAInfo")))
                        .map(
                                path ->
                                        path.startsWith("~/")
                                                ? environment
                                                        .home()
                                                        .resolve(path.substring(2))
                                                        .toString()
                                                : path)
                        .map(Path::of);
    }

    /** For a clone: its directory runs git's credential helpers, its config may name a CA file. */
    public static RemoteAccess forRepository(Repository repository) {
        File dir = repository.isBare() ? repository.getDirectory() : repository.getWorkTree();
        return new RemoteAccess(
                RemoteEnvironment.current(), dir.toPath(), Optional.of(repository.getConfig()));
    }

    /** For a URL with no clone of ours around it (mirror's git source). */
    public static RemoteAccess forUrl(Path workingDirectory) {
        return new RemoteAccess(RemoteEnvironment.current(), workingDirectory, Optional.empty());
    }

    /** Sets this access's transport settings and credentials on a fetch, push or ls-remote. */
    public <C extends TransportCommand<C, ?>> C configure(C command) {
        return command.setTransportConfigCallback(callback()).setCredentialsProvider(credentials);
    }

    /** The transport settings alone, for code that opens a {@link Transport} itself. */
    public TransportConfigCallback callback() {
        return this::configureTransport;
    }

    private void configureTransport(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sshFactory());
        } else if (transport instanceof TransportHttp http && caFile.isPresent()) {
            http.setHttpConnectionFactory(new CaFileConnectionFactory(caFile.get()));
        }
    }

    private synchronized SshdSessionFactory sshFactory() {
        if (sshFactory == null) {
            File home = environment.home().toFile();
            sshFactory =
                    new SshdSessionFactoryBuilder()
                            .setHomeDirectory(home)
                            .setSshDirectory(environment.sshDirectory().toFile())
                            .setServerKeyDatabase((h, s) -> knownHosts)
                            .setConnectorFactory(new UnixAgentConnectorFactory(environment))
                            // Without PreferredAuthentications in ~/.ssh/config, JGit tries GSSAPI
                            // first,
                            // and a Kerberos lookup costs seconds per connection; no git host needs
                            // it.
                            .setPreferredAuthentications("publickey,keyboard-interactive,password")
                            .build(null);
        }
        return sshFactory;
    }

    /**
     * What {@code thrown} (from a command configured here) means, as one of this package's
     * exceptions; empty when it is none of them, so the caller keeps its own message.
     *
     * @param remote the remote's name or URL, for the message
     * @param action "fetch from", "push to", ...
     */
    public Optional<RemoteException> failure(String remote, String action, Throwable thrown) {
        HostKeyVerdict refusal = knownHosts.refusal();
        if (refusal != null) {
            return Optional.of(
                    refusal.kind() == HostKeyVerdict.Kind.UNKNOWN
                            ? new HostKeyUnknownException(remote, action, refusal, thrown)
                            : new HostKeyChangedException(remote, action, refusal, thrown));
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of(
                        new HostUnreachableException(
                                remote, action, "unknown host " + t.getMessage(), thrown));
            }
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return Optional.of(
                        new HostUnreachableException(remote, action, t.getMessage(), thrown));
            }
            if (t instanceof SSLException) {
                return Optional.of(
                        new HostUnreachableException(
                                remote,
                                action,
                                "TLS failed: "
                                        + t.getMessage()
                                        + "; for a server with its own CA set git's http.sslCAInfo or GIT_SSL_CAINFO",
                                thrown));
            }
            if (t.getMessage() != null) {
                messages.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        String text = messages.toString();
        boolean ssh = text.contains("ssh://") || isScpLike(text);
        if (action.startsWith("push")
                && (text.contains("not permitted")
                        || text.contains("permission denied")
                        || text.contains("403 forbidden")
                        || text.contains("read-only")
                        || text.contains("read only"))) {
            return Optional.of(
                    new PushPermissionDeniedException(remote, firstLine(thrown), thrown));
        }
        if (text.contains("not authorized")
                || text.contains("authentication is required")
                || text.contains("authentication failed")
                || text.contains("auth fail")
                || text.contains("no more authentication methods")
                || text.contains("could not authenticate")
                || text.contains("401 unauthorized")) {
            String fix =
                    ssh
                            ? "check that your SSH key (~/.ssh/id_*, an IdentityFile in ~/.ssh/config, or ssh-agent) is authorized on the server"
                            : "set "
                                    + HttpsCredentials.TOKEN
                                    + " (or "
                                    + HttpsCredentials.GITHUB_TOKEN
                                    + " in GitHub Actions), or store the credentials with a git credential helper; tried "
                                    + credentials.sourcesTried();
            return Optional.of(new AuthenticationRefusedException(remote, action, fix, thrown));
        }
        if (text.contains("connection refused")
                || text.contains("timed out")
                || text.contains("no route to host")) {
            return Optional.of(
                    new HostUnreachableException(remote, action, firstLine(thrown), thrown));
        }
        return Optional.empty();
    }

    private static boolean isScpLike(String text) {
        return text.matches("(?s).*\\b[a-z0-9._-]+@[a-z0-9.-]+:[^/].*");
    }

    private static String firstLine(Throwable thrown) {
        String message = String.valueOf(thrown.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
