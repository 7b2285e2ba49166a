package org.starttlslist.diff;

import org.starttlslist.failure.RejectedException;

/** A diff argument names no list: no such file, not a git repository, unknown ref or path. */
public final class ListNotFoundException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String argument;

    public ListNotFoundException(String argument, String reason) {
        super(argument + ": " + reason);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
