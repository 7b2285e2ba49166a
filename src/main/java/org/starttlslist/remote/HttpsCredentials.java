package org.starttlslist.remote;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Username and password (a token) for an HTTPS remote, asked for only when the server wants them,
 * from the first of:
 *
 * <ol>
 *   <li>{@code STARTTLS_LIST_GIT_TOKEN} (user {@code STARTTLS_LIST_GIT_USERNAME}, default {@code
 *       x-access-token}), for any HTTPS remote;
 *   <li>{@code GITHUB_TOKEN} (what GitHub Actions gives a workflow step that maps it), only for the
 *       host of {@code GITHUB_SERVER_URL} (default github.com), so a GitHub token never goes to
 *       another server;
 *   <li>git's credential helpers through {@code git credential fill}, when git is installed (git
 *       also runs {@code GIT_ASKPASS} there);
 *   <li>{@code GIT_ASKPASS}, run directly, when git is not installed.
 * </ol>
 *
 * Never over plain http, never for SSH. The secret is kept in memory only, and only for the one
 * command: nothing is written, logged or put into a message.
 */
final class HttpsCredentials extends CredentialsProvider {
    static final String TOKEN = "STARTTLS_LIST_GIT_TOKEN";
    static final String USERNAME = "STARTTLS_LIST_GIT_USERNAME";
    static final String GITHUB_TOKEN = "GITHUB_TOKEN";
    static final String DEFAULT_USERNAME = "x-access-token";
    private static final long HELPER_TIMEOUT_SECONDS = 120;

    private final RemoteEnvironment environment;
    private final Path workingDirectory;
    private final Map<String, Credentials> answered = new HashMap<>();

    HttpsCredentials(RemoteEnvironment environment, Path workingDirectory) {
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    private record Credentials(String username, char[] password) {}

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username)
                    && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized boolean get(URIish uri, CredentialItem... items)
            throws UnsupportedCredentialItem {
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || !supports(items)) {
            return false;
        }
        String key = hostKey(uri);
        Credentials credentials = answered.get(key);
        if (credentials == null) {
            Optional<Credentials> found = find(uri);
            if (found.isEmpty()) {
                return false;
            }
            credentials = found.get();
            answered.put(key, credentials);
        }
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username username) {
                username.setValue(credentials.username());
            } else if (item instanceof CredentialItem.Password password) {
                password.setValue(credentials.password().clone());
            }
        }
        return true;
    }

    @Override
    public synchronized void reset(URIish uri) {
        if (uri != null) {
            Credentials dropped = answered.remove(hostKey(uri));
            if (dropped != null) {
                java.util.Arrays.fill(dropped.password(), '\0');
            }
        }
    }

    /** Which of the sources above, by name, would answer; for messages (never the secret). */
    String sourcesTried() {
        return TOKEN
                + ", "
                + GITHUB_TOKEN
                + " (for "
                + githubHost()
                + " only), "
                + (gitExecutable().isPresent() ? "git credential fill" : "GIT_ASKPASS");
    }

    private Optional<Credentials> find(URIish uri) {
        String user = uri.getUser();
        Optional<String> token = environment.variable(TOKEN);
        if (token.isPresent()) {
            return Optional.of(
                    new Credentials(
                            environment
                                    .variable(USERNAME)
                                    .orElse(user != null ? user : DEFAULT_USERNAME),
                            token.get().toCharArray()));
        }
        Optional<String> github = environment.variable(GITHUB_TOKEN);
        if (github.isPresent()
                && uri.getHost() != null
                && uri.getHost().equalsIgnoreCase(githubHost())) {
            return Optional.of(new Credentials(DEFAULT_USERNAME, github.get().toCharArray()));
        }
        Optional<Path> git = gitExecutable();
        if (git.isPresent()) {
            return credentialFill(git.get(), uri);
        }
        return askPass(uri);
    }

    private String githubHost() {
        return environment
                .variable("GITHUB_SERVER_URL")
                .map(
                        url -> {
                            try {
                                String host = URI.create(url).getHost();
                                return host == null ? "github.com" : host;
                            } catch (IllegalArgumentException e) {
                                return "github.com";
                            }
                        })
                .orElse("github.com");
    }

    private Optional<Path> gitExecutable() {
        for (String dir :
                environment.variable("PATH").orElse("/usr/local/bin:/usr/bin:/bin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "git");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code git credential fill}: git's helpers, then its askpass; no terminal prompt without a
     * console.
     */
    private Optional<Credentials> credentialFill(Path git, URIish uri) {
        StringBuilder request = new StringBuilder();
        request.append("protocol=https\n");
        request.append("host=")
                .append(uri.getHost())
                .append(uri.getPort() > 0 ? ":" + uri.getPort() : "")
                .append('\n');
        String path = uri.getPath();
        if (path != null && !path.isEmpty()) {
            request.append("path=")
                    .append(path.startsWith("/") ? path.substring(1) : path)
                    .append('\n');
        }
        if (uri.getUser() != null) {
            request.append("username=").append(uri.getUser()).append('\n');
        }
        request.append('\n');
        ProcessBuilder builder = new ProcessBuilder(git.toString(), "credential", "fill");
        prepare(builder);
        if (!isTerminal(System.console())) {
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        }
        byte[] output = run(builder, request.toString().getBytes(StandardCharsets.UTF_8));
        if (output == null) {
            return Optional.empty();
        }
        String username = null;
        char[] password = null;
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("username=")) {
                username = line.substring("username=".length());
            } else if (line.startsWith("password=")) {
                password = line.substring("password=".length()).toCharArray();
            }
        }
        java.util.Arrays.fill(output, (byte) 0);
        return password == null
                ? Optional.empty()
                : Optional.of(
                        new Credentials(username == null ? DEFAULT_USERNAME : username, password));
    }

    private Optional<Credentials> askPass(URIish uri) {
        Optional<String> program = environment.variable("GIT_ASKPASS");
        if (program.isEmpty()) {
            return Optional.empty();
        }
        String base = "https://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String username = uri.getUser();
        if (username == null) {
            byte[] answer = runAskPass(program.get(), "Username for '" + base + "': ");
            if (answer == null) {
                return Optional.empty();
            }
            username = chomp(new String(answer, StandardCharsets.UTF_8));
        }
        byte[] answer =
                runAskPass(
                        program.get(),
                        "Password for 'https://" + username + "@" + base.substring(8) + "': ");
        if (answer == null) {
            return Optional.empty();
        }
        char[] password = chomp(new String(answer, StandardCharsets.UTF_8)).toCharArray();
        java.util.Arrays.fill(answer, (byte) 0);
        return Optional.of(new Credentials(username, password));
    }

    private byte[] runAskPass(String program, String prompt) {
        ProcessBuilder builder = new ProcessBuilder(program, prompt);
        prepare(builder);
        return run(builder, new byte[0]);
    }

    /** The child sees our view of HOME and git's variables (tests replace both). */
    private void prepare(ProcessBuilder builder) {
        builder.directory(workingDirectory.toFile());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("HOME", environment.home().toString());
        for (String name :
                List.of(
                        "GIT_ASKPASS",
                        "SSH_ASKPASS",
                        "GIT_TERMINAL_PROMPT",
                        "GIT_CONFIG_NOSYSTEM",
                        "GIT_CONFIG_GLOBAL",
                        "GIT_CONFIG_SYSTEM",
                        "XDG_CONFIG_HOME",
                        "GIT_CONFIG_PARAMETERS")) {
            Optional<String> value = environment.variable(name);
            if (value.isPresent()) {
                env.put(name, value.get());
            } else {
                env.remove(name);
            }
        }
    }

    /** Output of a zero exit, else null. */
    private static byte[] run(ProcessBuilder builder, byte[] input) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return null;
        }
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the helper may exit without reading; its exit code says the rest
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream stdout = process.getInputStream()) {
                stdout.transferTo(out);
            }
            if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out.toByteArray() : null;
        } catch (IOException e) {
            process.destroyForcibly();
            return null;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String chomp(String value) {
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    private static String hostKey(URIish uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Whether there is a terminal to talk to. Up to JDK 21 {@code System.console()} is null without
     * one; from JDK 22 it returns a console anyway, and {@code Console.isTerminal()} (not in the
     * Java 17 API this is compiled against) tells.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
