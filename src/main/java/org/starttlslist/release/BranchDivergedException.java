package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** The local and the remote release branch each have commits the other lacks. */
public final class BranchDivergedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String branch;
    private final String remote;

    public BranchDivergedException(String branch, String remote) {
        super(
                "'"
                        + branch
                        + "' and '"
                        + remote
                        + "/"
                        + branch
                        + "' have diverged; rebase onto or merge "
                        + remote
                        + "/"
                        + branch
                        + " and run again");
        this.branch = branch;
        this.remote = remote;
    }

    public String branch() {
        return branch;
    }

    public String remote() {
        return remote;
    }
}
