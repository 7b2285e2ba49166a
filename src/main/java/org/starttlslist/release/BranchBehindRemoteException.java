package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/**
 * The remote's release branch has commits the local branch lacks: someone else released or merged.
 */
public final class BranchBehindRemoteException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String branch;
    private final String remote;

    public BranchBehindRemoteException(String branch, String remote) {
        super(
                "'"
                        + branch
                        + "' is behind '"
                        + remote
                        + "/"
                        + branch
                        + "'; pull (fast-forward) and run again");
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
