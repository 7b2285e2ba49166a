package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 5: the list's {@code expires} is not after its own {@code timestamp}. */
public final class ListExpiresBeforeTimestampException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant timestamp;
    private final Instant expires;

    public ListExpiresBeforeTimestampException(Instant timestamp, Instant expires) {
        super(
                "the list expires at "
                        + expires
                        + ", not after its own timestamp "
                        + timestamp
                        + "; the publisher must fix and re-sign it");
        this.timestamp = timestamp;
        this.expires = expires;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant expires() {
        return expires;
    }
}
