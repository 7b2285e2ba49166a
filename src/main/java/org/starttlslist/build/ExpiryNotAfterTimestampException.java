package org.starttlslist.build;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/** The list would expire at or before the instant it is built: no consumer could use it. */
public final class ExpiryNotAfterTimestampException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Instant timestamp;
    private final transient Instant expires;

    public ExpiryNotAfterTimestampException(Instant timestamp, Instant expires) {
        super(
                "the list would expire at "
                        + ListTimes.format(expires)
                        + ", not after its timestamp "
                        + ListTimes.format(timestamp)
                        + "; set a positive validity-days in release/config.json");
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
