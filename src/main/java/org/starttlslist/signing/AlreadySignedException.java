package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** The signature file already holds a signature by this key; a second one adds nothing. */
public final class AlreadySignedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;

    AlreadySignedException(String fingerprint) {
        super(
                "the signature file is already signed by key "
                        + fingerprint
                        + "; each key signs once");
        this.fingerprint = fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
