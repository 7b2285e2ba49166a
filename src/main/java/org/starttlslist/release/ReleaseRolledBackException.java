package org.starttlslist.release;

import org.starttlslist.failure.CouldNotCompleteException;

/**
 * A step after the release commit failed; the local branch, index, working tree and tags were put
 * back as they were before the release started. The cause says what failed.
 */
public final class ReleaseRolledBackException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;

    public ReleaseRolledBackException(String restoredTo, Throwable cause) {
        super(
                cause.getMessage()
                        + "; nothing was released: the branch is back at "
                        + restoredTo
                        + " and the new tag was deleted",
                cause);
    }
}
