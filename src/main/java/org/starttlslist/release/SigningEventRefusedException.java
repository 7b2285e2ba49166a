package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** A propose, cosign, publish --tag or signature count that its checks refused (exit 1). */
public final class SigningEventRefusedException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public SigningEventRefusedException(String message) {
        super(message);
    }

    public SigningEventRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
