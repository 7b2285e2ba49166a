package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/**
 * Step 5: a signature was made before the list's own {@code timestamp} (beyond the skew) or at or
 * after its {@code expires}. The signer chooses the signature time, so it is only believed inside
 * the lifetime the signed list itself declares: a backdated signature cannot borrow a key's past.
 */
public final class SignatureOutsideListLifetimeException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final Instant signatureCreated;
    private final Instant timestamp;
    private final Instant expires;

    public SignatureOutsideListLifetimeException(
            String fingerprint, Instant signatureCreated, Instant timestamp, Instant expires) {
        super(
                "the signature by "
                        + fingerprint
                        + " is dated "
                        + ListTimes.format(signatureCreated)
                        + (signatureCreated.isBefore(timestamp)
                                ? ", before the list's timestamp " + ListTimes.format(timestamp)
                                : ", not before the list's expiry " + ListTimes.format(expires))
                        + "; a list is only signed during its own lifetime: the maintainer must sign it again with a current clock");
        this.fingerprint = fingerprint;
        this.signatureCreated = signatureCreated;
        this.timestamp = timestamp;
        this.expires = expires;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant signatureCreated() {
        return signatureCreated;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public Instant expires() {
        return expires;
    }
}
