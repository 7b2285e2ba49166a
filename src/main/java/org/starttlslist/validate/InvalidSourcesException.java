package org.starttlslist.validate;

import org.starttlslist.failure.RejectedException;

/** Validation found errors; the findings themselves have been reported. */
public final class InvalidSourcesException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final long errors;
    private final long warnings;

    public InvalidSourcesException(long errors, long warnings) {
        super(
                errors
                        + (errors == 1 ? " error" : " errors")
                        + ", "
                        + warnings
                        + (warnings == 1 ? " warning" : " warnings")
                        + " in the list's sources; each is reported above with its file, line and fix");
        this.errors = errors;
        this.warnings = warnings;
    }

    public long errors() {
        return errors;
    }

    public long warnings() {
        return warnings;
    }
}
