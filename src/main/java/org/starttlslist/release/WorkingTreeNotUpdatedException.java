package org.starttlslist.release;

import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * The release is committed and tagged (and pushed, when asked), but the clone's index and working
 * tree could not be brought to it. Nothing is wrong with the release; the clone needs one command.
 */
public final class WorkingTreeNotUpdatedException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String tag;
    private final transient ObjectId commit;

    WorkingTreeNotUpdatedException(ReleaseTransaction.Plan plan, ObjectId commit, String why) {
        super(
                "the release "
                        + plan.tagName()
                        + " is committed as "
                        + commit.abbreviate(10).name()
                        + (plan.remote().isPresent() ? " and pushed" : "")
                        + ", but the working tree was not updated: "
                        + why
                        + "; when no git command is running, remove .git/index.lock if it exists and run:"
                        + " git checkout HEAD -- "
                        + String.join(" ", plan.files().keySet()));
        this.tag = plan.tagName();
        this.commit = commit;
    }

    /** The release tag, made and kept. */
    public String tag() {
        return tag;
    }

    /** The release commit the branch now points at. */
    public ObjectId commit() {
        return commit;
    }
}
