package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/**
 * Step 3: the key that made the signature was not a signing key of its pinned certificate at the
 * signature's time: no sign flag, a subkey without a valid binding, or a key made later.
 */
public final class KeyNotForSigningException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant signatureCreated;

    public KeyNotForSigningException(String fingerprint, Instant signatureCreated) {
        super(
                "key "
                        + fingerprint
                        + " was not a valid signing key of its pinned certificate at "
                        + signatureCreated
                        + " (not flagged for signing, not bound, or created later)");
        this.fingerprint = fingerprint;
        this.signatureCreated = signatureCreated;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The instant at which the key was not a signing key. */
    public Instant signatureCreated() {
        return signatureCreated;
    }
}
