package org.starttlslist.failure;

/**
 * The work could not be done for a reason outside the input's content: a file could not be read,
 * the network or git failed, a key was unavailable. Maps to exit code 3.
 */
public class CouldNotCompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CouldNotCompleteException(String message) {
        super(message);
    }

    public CouldNotCompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
