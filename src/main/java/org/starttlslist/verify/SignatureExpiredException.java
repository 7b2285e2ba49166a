package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 3: the signature carries its own expiry time, and it has passed. */
public final class SignatureExpiredException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant expired;
    private final Instant now;

    public SignatureExpiredException(String fingerprint, Instant expired, Instant now) {
        super(
                "signature by "
                        + fingerprint
                        + " expired at "
                        + expired
                        + " (now "
                        + now
                        + "); re-sign the list");
        this.fingerprint = fingerprint;
        this.expired = expired;
        this.now = now;
    }

    public Instant expired() {
        return expired;
    }

    public Instant now() {
        return now;
    }

    /** The signing key (primary or subkey). */
    public String fingerprint() {
        return fingerprint;
    }
}
