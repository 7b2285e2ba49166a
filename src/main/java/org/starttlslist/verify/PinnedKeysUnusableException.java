package org.starttlslist.verify;

import org.starttlslist.failure.CouldNotCompleteException;

/** A pinned key file cannot be read or holds no public key: verification cannot start. */
public final class PinnedKeysUnusableException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String keyFile;

    public PinnedKeysUnusableException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /**
     * @param keyFile the pinned key file at fault, as named to the user; null when none was given
     */
    public PinnedKeysUnusableException(String keyFile, String message, Throwable cause) {
        super(message, cause);
        this.keyFile = keyFile;
    }

    /** The pinned key file at fault; empty when no key file was given at all. */
    public java.util.Optional<String> keyFile() {
        return java.util.Optional.ofNullable(keyFile);
    }
}
