package org.starttlslist.verify;

import java.time.Duration;
import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/**
 * Step 5: the list claims to stay valid ({@code expires − timestamp}) longer than the consumer
 * allows (apt's {@code Max-ValidTime}). Without this bound one stolen key could mint a list that
 * never expires.
 */
public final class ListValidityTooLongException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant timestamp;
    private final Instant expires;
    private final Duration maximum;

    public ListValidityTooLongException(Instant timestamp, Instant expires, Duration maximum) {
        super(
                "the list is valid from "
                        + ListTimes.format(timestamp)
                        + " to "
                        + ListTimes.format(expires)
                        + ", longer than the "
                        + maximum.toDays()
                        + " days allowed; refused (raise --max-validity if the"
                        + " maintainers really publish lists valid that long)");
        this.timestamp = timestamp;
        this.expires = expires;
        this.maximum = maximum;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant expires() {
        return expires;
    }

    public Duration maximum() {
        return maximum;
    }
}
