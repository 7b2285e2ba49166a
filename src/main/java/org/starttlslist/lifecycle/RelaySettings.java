package org.starttlslist.lifecycle;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP relay notices go through, from the environment only (never from the repository, whose
 * contents anyone can propose in a pull request): {@code STARTTLS_LIST_SMTP_HOST} (required),
 * {@code STARTTLS_LIST_SMTP_PORT} (default 587), {@code STARTTLS_LIST_SMTP_USER} and {@code
 * STARTTLS_LIST_SMTP_PASSWORD} (optional, together), {@code STARTTLS_LIST_SMTP_FROM} (the sender
 * address, required), and {@code STARTTLS_LIST_SMTP_CA_FILE} (optional: trust only the CA
 * certificates in this PEM file, for a relay with an internal CA; otherwise the JDK's trust store).
 */
public record RelaySettings(
        String host,
        int port,
        Optional<String> user,
        Optional<String> password,
        String from,
        Optional<Path> caFile) {
    public static final String HOST = "STARTTLS_LIST_SMTP_HOST";
    public static final String PORT = "STARTTLS_LIST_SMTP_PORT";
    public static final String USER = "STARTTLS_LIST_SMTP_USER";
    public static final String PASSWORD = "STARTTLS_LIST_SMTP_PASSWORD";
    public static final String FROM = "STARTTLS_LIST_SMTP_FROM";
    public static final String CA_FILE = "STARTTLS_LIST_SMTP_CA_FILE";

    /** The relay is not configured; the message names what to set. */
    public static final class RelayNotConfiguredException
            extends org.starttlslist.failure.CouldNotCompleteException {
        private static final long serialVersionUID = 1L;

        RelayNotConfiguredException(String message) {
            super(message);
        }
    }

    public static RelaySettings fromEnvironment(Map<String, String> environment) {
        String host = blankToNull(environment.get(HOST));
        String from = blankToNull(environment.get(FROM));
        if (host == null || from == null) {
            throw new RelayNotConfiguredException(
                    "notices need an SMTP relay: set "
                            + HOST
                            + " and "
                            + FROM
                            + " (and "
                            + USER
                            + "/"
                            + PASSWORD
                            + " if it needs them), or use --dry-run DIR to write the messages to files");
        }
        int port = 587;
        String portText = blankToNull(environment.get(PORT));
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new RelayNotConfiguredException(
                        PORT + " is '" + portText + "'; set it to a port number such as 587");
            }
        }
        Optional<String> user = Optional.ofNullable(blankToNull(environment.get(USER)));
        Optional<String> password = Optional.ofNullable(environment.get(PASSWORD));
        if (user.isPresent() != password.isPresent()) {
            throw new RelayNotConfiguredException(
                    "set both " + USER + " and " + PASSWORD + ", or neither");
        }
        return new RelaySettings(
                host,
                port,
                user,
                password,
                from,
                Optional.ofNullable(blankToNull(environment.get(CA_FILE))).map(Path::of));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public String toString() {
        // Never print the password.
        return "RelaySettings[" + host + ":" + port + user.map(u -> ", user " + u).orElse("") + "]";
    }
}
