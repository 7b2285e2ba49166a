package org.starttlslist.signing;

import org.starttlslist.failure.CouldNotCompleteException;

/** A key file could not be read at all (missing, permissions, I/O). */
public final class KeyFileUnreadableException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;

    public KeyFileUnreadableException(String file, Throwable cause) {
        super("cannot read key file " + file + ": " + cause.getMessage(), cause);
    }
}
