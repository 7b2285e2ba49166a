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
        super("the new list's timestamp " + ListTimes.format(attempted)
                + " is not later than the published list's " + ListTimes.format(previous)
                + " (release/policy.json); check the clock or --now");
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
