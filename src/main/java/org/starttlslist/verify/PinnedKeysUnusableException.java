package org.starttlslist.verify;

import org.starttlslist.failure.CouldNotCompleteException;

/** A pinned key file cannot be read or holds no public key: verification cannot start. */
public final class PinnedKeysUnusableException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;

    public PinnedKeysUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
