package org.starttlslist.mirror;

import org.starttlslist.failure.RejectedException;

/** A download was larger than its cap and was aborted; nothing was installed. */
public final class TooLargeException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final long cap;

    public TooLargeException(String where, long cap) {
        super(where + " is larger than " + cap + " bytes; refused (raise --max-bytes if the list really grew that large)");
        this.where = where;
        this.cap = cap;
    }

    public String where() {
        return where;
    }

    public long cap() {
        return cap;
    }
}
