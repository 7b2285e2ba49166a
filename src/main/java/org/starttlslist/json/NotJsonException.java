package org.starttlslist.json;

import org.starttlslist.failure.RejectedException;

/**
 * Bytes that are not one strict JSON value (see {@link Json#readStrict}); knows where, when it can.
 */
public final class NotJsonException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public NotJsonException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
