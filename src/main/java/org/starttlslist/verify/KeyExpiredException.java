package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 3: the signing key had expired when the signature was made. */
public final class KeyExpiredException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant expiredAt;
    private final Instant signatureCreated;
    private final String event;

    public KeyExpiredException(String fingerprint, Instant expiredAt, Instant signatureCreated) {
        this(fingerprint, expiredAt, signatureCreated, "the signature was made");
    }

    /**
     * {@code event}: what happened at {@code at} ("the signature was made", "the list's
     * timestamp").
     */
    public KeyExpiredException(String fingerprint, Instant expiredAt, Instant at, String event) {
        super(
                "key "
                        + fingerprint
                        + " expired at "
                        + expiredAt
                        + ", before "
                        + event
                        + " at "
                        + at
                        + "; the maintainer must extend the key and re-sign");
        this.fingerprint = fingerprint;
        this.expiredAt = expiredAt;
        this.signatureCreated = at;
        this.event = event;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant expiredAt() {
        return expiredAt;
    }

    public Instant signatureCreated() {
        return signatureCreated;
    }

    /** What happened at {@link #signatureCreated()}: the signature, or the list's timestamp. */
    public String event() {
        return event;
    }
}
