package org.starttlslist.lifecycle;

/**
 * Where a notice goes: an SMTP relay ({@link SmtpRelay}) or, with {@code --dry-run}, a directory.
 */
public interface NoticeTransport extends AutoCloseable {
    /**
     * Delivers one notice, or throws {@link NoticeNotSentException}; the notice then stays queued.
     */
    void deliver(Notice notice);

    /** What the summary line calls a delivery: "sent" or "written". */
    String verb();

    @Override
    default void close() {}
}
