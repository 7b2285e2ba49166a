package org.starttlslist.failure;

/**
 * The input was checked and refused: invalid sources, a bad signature, an expired list, a rollback.
 * Maps to exit code 1. Subclasses carry the facts a test or a caller can check.
 */
public class RejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
        super(message);
    }

    public RejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
