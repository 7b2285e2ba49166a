package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/**
 * Step 5: the list's {@code expires} is not after now: it must not be used, whatever its signature.
 */
public final class ListExpiredException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant expires;
    private final Instant now;

    public ListExpiredException(Instant expires, Instant now) {
        super(
                "the list expired at "
                        + expires
                        + " (now "
                        + now
                        + "); fetch a newer list, do not use this one");
        this.expires = expires;
        this.now = now;
    }

    public Instant expires() {
        return expires;
    }

    public Instant now() {
        return now;
    }
}
