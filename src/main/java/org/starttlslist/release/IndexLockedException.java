package org.starttlslist.release;

import java.nio.file.Path;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * {@code .git/index.lock} exists: a git command is running in the clone, or one was killed and left
 * its lock. A release refuses before anything else, and says how to recover.
 */
public final class IndexLockedException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;

    public IndexLockedException(Path lockFile) {
        super(
                lockFile
                        + " exists: another git command is using this clone, or one was killed. If no git command"
                        + " is running, remove it (rm "
                        + lockFile
                        + "), check 'git status' and 'git log -1', put back"
                        + " anything unexpected (git reset --hard HEAD discards uncommitted changes), then run this again."
                        + " Nothing was changed");
        this.lockFile = lockFile;
    }

    public Path lockFile() {
        return lockFile;
    }
}
