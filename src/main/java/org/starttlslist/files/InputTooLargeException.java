package org.starttlslist.files;

import org.starttlslist.failure.RejectedException;

/**
 * An input was larger than its cap and was not read further; {@code option} is the command-line
 * option that raises that cap. Exit 1: the input was checked (by size) and refused.
 */
public final class InputTooLargeException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final long cap;
    private final String option;

    public InputTooLargeException(String where, long cap, String option) {
        super(
                where
                        + " is larger than "
                        + cap
                        + " bytes; refused (raise "
                        + option
                        + " if it really is that large)");
        this.where = where;
        this.cap = cap;
        this.option = option;
    }

    public String where() {
        return where;
    }

    public long cap() {
        return cap;
    }

    public String option() {
        return option;
    }
}
