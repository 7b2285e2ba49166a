package org.starttlslist.diff;

import org.starttlslist.failure.RejectedException;

/** A diff argument is larger than any list diff reads (mirrors refuse such a list too). */
public final class ListTooLargeException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String argument;
    private final long size;

    public ListTooLargeException(String argument, long size, long limit) {
        super(
                argument
                        + ": "
                        + size
                        + " bytes, more than the "
                        + limit
                        + " bytes a list may have; it is not a policy list"
                        + " (check the path or revision)");
        this.argument = argument;
        this.size = size;
    }

    public String argument() {
        return argument;
    }

    public long size() {
        return size;
    }
}
