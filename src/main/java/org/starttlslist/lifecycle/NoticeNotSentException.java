package org.starttlslist.lifecycle;

import org.starttlslist.failure.CouldNotCompleteException;

/** The relay refused or could not be reached; the notice stays in the outbox for the next run. */
public final class NoticeNotSentException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;

    public NoticeNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
