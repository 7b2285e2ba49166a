package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;

/** Step 3: the signature claims to be made later than now plus the allowed clock skew. */
public final class SignatureFromFutureException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant created;
    private final Instant now;

    public SignatureFromFutureException(String fingerprint, Instant created, Instant now) {
        super(
                "signature by "
                        + fingerprint
                        + " was made at "
                        + created
                        + ", after now ("
                        + now
                        + ") plus the allowed skew; check this machine's clock or the signer's");
        this.fingerprint = fingerprint;
        this.created = created;
        this.now = now;
    }

    public Instant created() {
        return created;
    }

    public Instant now() {
        return now;
    }

    /** The signing key (primary or subkey). */
    public String fingerprint() {
        return fingerprint;
    }
}
