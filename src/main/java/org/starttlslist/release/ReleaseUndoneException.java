package org.starttlslist.release;

import org.starttlslist.failure.CouldNotCompleteException;

/**
 * A step after the release commit failed, and the release was undone: the local branch, index,
 * working tree and tags are as they were before it started. The cause says what failed. ("Undone",
 * not "rolled back": a rollback is a replayed older list, which verify refuses.)
 */
public final class ReleaseUndoneException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String branch;
    private final String restoredTo;
    private final String tag;

    /**
     * @param branch the release branch, put back
     * @param restoredTo the commit (abbreviated) the branch points at again
     * @param tag the release tag that was deleted or never made
     */
    public ReleaseUndoneException(String branch, String restoredTo, String tag, Throwable cause) {
        super(
                cause.getMessage()
                        + "; nothing was released: "
                        + branch
                        + " is back at "
                        + restoredTo
                        + " and tag "
                        + tag
                        + " does not exist",
                cause);
        this.branch = branch;
        this.restoredTo = restoredTo;
        this.tag = tag;
    }

    public String branch() {
        return branch;
    }

    public String restoredTo() {
        return restoredTo;
    }

    public String tag() {
        return tag;
    }
}
