package org.starttlslist.release;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/** Mirrors refuse a list that is not newer than the one they have, so we never publish one. */
public final class TimestampNotNewerException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant previous;
    private final Instant attempted;

    public TimestampNotNewerException(Instant previous, Instant attempted) {
        this(previous, attempted, "release/policy.json");
    }

    /** {@code where} names the list compared with: "release/policy.json", "origin/main". */
    public TimestampNotNewerException(Instant previous, Instant attempted, String where) {
        super(
                "the new list's timestamp "
                        + ListTimes.format(attempted)
                        + " is not later than the published list's "
                        + ListTimes.format(previous)
                        + " ("
                        + where
                        + "); nothing was released. Check the clock or --now, fetch, and release again");
        this.previous = previous;
        this.attempted = attempted;
    }

    public Instant previous() {
        return previous;
    }

    public Instant attempted() {
        return attempted;
    }
}
