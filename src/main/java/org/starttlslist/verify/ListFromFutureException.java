package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 5: the list's {@code timestamp} is later than now plus the allowed clock skew. */
public final class ListFromFutureException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant timestamp;
    private final Instant now;

    public ListFromFutureException(Instant timestamp, Instant now) {
        super(
                "the list's timestamp "
                        + timestamp
                        + " is after now ("
                        + now
                        + ") plus the allowed skew; check this machine's clock or the publisher's");
        this.timestamp = timestamp;
        this.now = now;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant now() {
        return now;
    }
}
