package org.starttlslist.release;

import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.failure.RejectedException;

/**
 * The release branch, or HEAD, changed while the release was running (a checkout, a commit, another
 * tool): the commit was made for the branch as it was checked, so it is not put anywhere else.
 */
public final class BranchMovedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String branch;
    private final transient ObjectId expected;

    public BranchMovedException(String branch, ObjectId expected, String now) {
        super(
                "the release branch changed during the release: it was "
                        + branch
                        + " at "
                        + expected.abbreviate(10).name()
                        + ", now "
                        + now
                        + "; nothing was committed, tagged or pushed. Check out "
                        + branch
                        + " and run the release again");
        this.branch = branch;
        this.expected = expected;
    }

    public String branch() {
        return branch;
    }

    public ObjectId expected() {
        return expected;
    }
}
