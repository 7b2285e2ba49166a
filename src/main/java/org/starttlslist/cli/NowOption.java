package org.starttlslist.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.starttlslist.model.ListTimes;
import picocli.CommandLine.Option;

/**
 * {@code --now}: the one reference instant of a run. The clock is read at most once, here, so every
 * check in a run agrees on what "now" is. The instant is handed out at the published precision
 * (whole seconds), so a list's timestamp, its tag and every check use the same value. The real
 * clock is read once too ({@link #clock()}), even when {@code --now} is given: a release must know
 * how far its instant is from the time mirrors will check it at.
 */
final class NowOption {
    @Option(
            names = "--now",
            paramLabel = "INSTANT",
            description =
                    "Act as if it were this RFC 3339 instant (e.g. 2026-01-01T00:00:00Z). Default: the clock.")
    String now;

    private Instant resolved;
    private Instant clockInstant;

    /** {@code --now}, or the clock, truncated to whole seconds. */
    Instant instant() {
        return instant(Clock.systemUTC());
    }

    Instant instant(Clock clock) {
        if (resolved == null) {
            resolved =
                    (now == null
                                    ? clock(clock)
                                    : ListTimes.parseUserInstant(now)
                                            .orElseThrow(
                                                    () ->
                                                            new UsageException(
                                                                    "--now '"
                                                                            + now
                                                                            + "' is not an RFC 3339 instant; write e.g. 2026-01-01T00:00:00Z")))
                            .truncatedTo(ChronoUnit.SECONDS);
        }
        return resolved;
    }

    /** Whether {@code --now} was given; without it {@link #instant()} is the clock. */
    boolean given() {
        return now != null;
    }

    /** The real time, read once per run whatever {@code --now} says. */
    Instant clock() {
        return clock(Clock.systemUTC());
    }

    Instant clock(Clock clock) {
        if (clockInstant == null) {
            clockInstant = clock.instant();
        }
        return clockInstant;
    }
}
