package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** The key file holds no secret key that may make signatures (no sign flag, or only stubs). */
public final class NoSigningKeyException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public NoSigningKeyException(String file, String detail) {
        super(
                file
                        + " "
                        + detail
                        + "; export the secret key with its signing subkey"
                        + " (gpg --export-secret-keys --armor FINGERPRINT) or use --with-gpg");
    }
}
