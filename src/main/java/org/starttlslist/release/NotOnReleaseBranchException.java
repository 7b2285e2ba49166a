package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** Releases are cut only from the branch named in {@code release/config.json}. */
public final class NotOnReleaseBranchException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String releaseBranch;
    private final String currentBranch;

    public NotOnReleaseBranchException(String releaseBranch, String currentBranch) {
        super(
                "on branch '"
                        + currentBranch
                        + "', but releases are cut from '"
                        + releaseBranch
                        + "' (release-branch in release/config.json); check out "
                        + releaseBranch
                        + " and run again");
        this.releaseBranch = releaseBranch;
        this.currentBranch = currentBranch;
    }

    public String releaseBranch() {
        return releaseBranch;
    }

    public String currentBranch() {
        return currentBranch;
    }
}
