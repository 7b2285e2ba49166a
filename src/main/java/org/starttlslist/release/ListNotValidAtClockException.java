package org.starttlslist.release;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;

/** The list would be expired, or not yet valid, at the real time: every mirror would refuse it. */
public final class ListNotValidAtClockException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant timestamp;
    private final Instant expires;
    private final Instant clock;

    public ListNotValidAtClockException(PolicyList list, Instant clock, String why) {
        super(
                "the list (timestamp "
                        + ListTimes.format(list.timestamp())
                        + ", expires "
                        + ListTimes.format(list.expires())
                        + ") is not valid at the real time "
                        + ListTimes.format(clock)
                        + ": "
                        + why
                        + "; release with --now near the clock. Nothing was changed");
        this.timestamp = list.timestamp();
        this.expires = list.expires();
        this.clock = clock;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant expires() {
        return expires;
    }

    public Instant clock() {
        return clock;
    }
}
