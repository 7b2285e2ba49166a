package org.starttlslist.cli;

import java.time.Clock;
import java.time.Instant;
import org.starttlslist.model.ListTimes;
import picocli.CommandLine.Option;

/**
 * {@code --now}: the one reference instant of a run. The clock is read at most once, here, so
 * every check in a run agrees on what "now" is.
 */
final class NowOption {
    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Act as if it were this RFC 3339 instant (e.g. 2026-01-01T00:00:00Z). Default: the clock.")
    String now;

    private Instant resolved;

    Instant instant() {
        return instant(Clock.systemUTC());
    }

    Instant instant(Clock clock) {
        if (resolved == null) {
            resolved = now == null
                    ? clock.instant()
                    : ListTimes.parseUserInstant(now).orElseThrow(() -> new UsageException(
                            "--now '" + now + "' is not an RFC 3339 instant; write e.g. 2026-01-01T00:00:00Z"));
        }
        return resolved;
    }
}
