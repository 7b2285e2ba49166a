package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** The passphrase does not unlock the secret key. */
public final class WrongPassphraseException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;

    public WrongPassphraseException(String file, String fingerprint) {
        super(
                "the passphrase does not unlock the secret key "
                        + fingerprint
                        + " in "
                        + file
                        + "; check the passphrase file or variable");
        this.fingerprint = fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
