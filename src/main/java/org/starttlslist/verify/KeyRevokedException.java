package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 3: the signing key (primary or subkey) has been revoked. */
public final class KeyRevokedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant revokedAt;

    public KeyRevokedException(String fingerprint, Instant revokedAt) {
        super(
                "key "
                        + fingerprint
                        + " was revoked at "
                        + revokedAt
                        + "; its signatures are no longer trusted, ask the maintainers for a list signed by a current key");
        this.fingerprint = fingerprint;
        this.revokedAt = revokedAt;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
