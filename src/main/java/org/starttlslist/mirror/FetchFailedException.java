package org.starttlslist.mirror;

import org.starttlslist.failure.CouldNotCompleteException;

/** The source could not deliver the pair (network, HTTP status, missing file, git); exit 3. */
public class FetchFailedException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public FetchFailedException(String where, String reason) {
        super("cannot fetch " + where + ": " + reason);
        this.where = where;
    }

    public FetchFailedException(String where, String reason, Throwable cause) {
        super("cannot fetch " + where + ": " + reason, cause);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
