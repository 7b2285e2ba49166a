package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/**
 * Step 6: the list is not newer than the last one this consumer accepted (an old or replayed list).
 */
public final class RollbackException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant previousTimestamp;
    private final Instant newTimestamp;

    public RollbackException(Instant previousTimestamp, Instant newTimestamp) {
        super(
                "rollback: the list's timestamp "
                        + newTimestamp
                        + " is not later than the previously accepted list's "
                        + previousTimestamp
                        + "; keep the previous list (a mirror may be serving an old copy)");
        this.previousTimestamp = previousTimestamp;
        this.newTimestamp = newTimestamp;
    }

    public Instant previousTimestamp() {
        return previousTimestamp;
    }

    public Instant newTimestamp() {
        return newTimestamp;
    }
}
