package org.starttlslist.remote;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.util.SystemReader;

/**
 * The environment variables and home directory that decide how a remote is reached. Read through
 * JGit's {@link SystemReader}, which is also where JGit itself reads them, so one replacement of
 * the reader (in tests) changes both.
 */
record RemoteEnvironment(SystemReader reader) {
    static RemoteEnvironment current() {
        return new RemoteEnvironment(SystemReader.getInstance());
    }

    /** A variable's value; empty when unset or blank. */
    Optional<String> variable(String name) {
        String value = reader.getenv(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    Path home() {
        String home = reader.getProperty("user.home");
        return Path.of(home == null ? "." : home);
    }

    Path sshDirectory() {
        return home().resolve(".ssh");
    }
}
