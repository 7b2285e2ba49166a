package org.starttlslist.lifecycle;

import org.starttlslist.failure.CouldNotCompleteException;

/** The relay refused or could not be reached; the notice stays in the outbox for the next run. */
public final class NoticeNotSentException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String noticeId;

    public NoticeNotSentException(String noticeId, String message, Throwable cause) {
        super(message, cause);
        this.noticeId = noticeId;
    }

    /** The notice that stays in the outbox. */
    public String noticeId() {
        return noticeId;
    }
}
