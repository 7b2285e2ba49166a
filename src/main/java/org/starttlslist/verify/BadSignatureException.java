package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/** Step 1: the signature does not match these exact bytes with the pinned key it names. */
public final class BadSignatureException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final String detail;

    public BadSignatureException(String fingerprint, String detail) {
        super("BAD signature by pinned key " + fingerprint + ": " + detail);
        this.fingerprint = fingerprint;
        this.detail = detail;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Why the signature is bad (does not match the bytes, wrong type, unknown critical data). */
    public String detail() {
        return detail;
    }
}
