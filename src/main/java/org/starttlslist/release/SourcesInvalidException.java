package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** {@code validate} found errors; a release is built only from sources without any. */
public final class SourcesInvalidException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final long errors;

    public SourcesInvalidException(long errors, String first) {
        super("validate found " + errors + " error(s), first: " + first
                + "; run 'starttls-list validate' for all of them and fix them before releasing");
        this.errors = errors;
    }

    public long errors() {
        return errors;
    }
}
