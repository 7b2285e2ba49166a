package org.starttlslist.signing;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/**
 * The key has signing keys, but none is valid at the signature's time: expired, revoked or not yet
 * made.
 */
public final class SigningKeyNotValidException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant at;

    public SigningKeyNotValidException(String fingerprint, Instant at) {
        super(
                "key "
                        + fingerprint
                        + " has no signing key valid at "
                        + at
                        + " (expired, revoked or created later); extend or replace the key");
        this.fingerprint = fingerprint;
        this.at = at;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant at() {
        return at;
    }
}
