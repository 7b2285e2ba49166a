package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 3: the signing key had expired when the signature was made. */
public final class KeyExpiredException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant expiredAt;
    private final Instant signatureCreated;

    public KeyExpiredException(String fingerprint, Instant expiredAt, Instant signatureCreated) {
        super("key " + fingerprint + " expired at " + expiredAt + ", before the signature was made at "
                + signatureCreated + "; the maintainer must extend the key and re-sign");
        this.fingerprint = fingerprint;
        this.expiredAt = expiredAt;
        this.signatureCreated = signatureCreated;
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
}
