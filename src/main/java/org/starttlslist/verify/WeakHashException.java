package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/** Step 3: the signature uses a broken hash (MD5, SHA-1, RIPEMD-160). */
public final class WeakHashException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;
    private final String hash;

    public WeakHashException(String fingerprint, String hash) {
        super(
                "signature by "
                        + fingerprint
                        + " uses "
                        + hash
                        + ", which is broken; re-sign with SHA-512");
        this.fingerprint = fingerprint;
        this.hash = hash;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String hash() {
        return hash;
    }
}
