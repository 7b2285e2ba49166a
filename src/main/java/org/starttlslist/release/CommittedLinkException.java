package org.starttlslist.release;

import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.failure.RejectedException;

/**
 * A commit holds a symbolic link (or a submodule) where the list is made from: its content is not
 * in the commit, so it is never followed and never released.
 */
public final class CommittedLinkException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String kind;

    public CommittedLinkException(String path, ObjectId commit, String kind) {
        super(
                path
                        + " is "
                        + kind
                        + " in commit "
                        + commit.abbreviate(10).name()
                        + "; commit the file itself (git rm --cached "
                        + path
                        + ", copy the file in, git add, git commit)");
        this.path = path;
        this.kind = kind;
    }

    public String path() {
        return path;
    }

    public String kind() {
        return kind;
    }
}
