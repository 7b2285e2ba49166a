package org.starttlslist.cli;

import java.time.Duration;
import java.util.function.Supplier;
import org.starttlslist.release.RemoteNotConfiguredException;
import picocli.CommandLine.Option;

/** {@code --timeout}: the deadline for each exchange with a git remote. */
final class RemoteOptions {
    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "Give up (exit 3) when the remote does not connect or answer within SECONDS (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    Duration timeout() {
        if (timeoutSeconds < 1) {
            throw new UsageException(
                    "--timeout " + timeoutSeconds + ": give a number of seconds of at least 1");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * Runs {@code work}; a remote name the clone does not have is a usage error (exit 2), with
     * {@code hint} saying what else the command accepts.
     */
    static <T> T withKnownRemote(Supplier<T> work, String hint) {
        try {
            return work.get();
        } catch (RemoteNotConfiguredException e) {
            throw new UsageException(
                    "--remote "
                            + e.remote()
                            + ": this clone has no git remote of that name"
                            + " ('git remote -v' lists them; 'git remote add "
                            + e.remote()
                            + " URL' adds it)"
                            + hint);
        }
    }
}
