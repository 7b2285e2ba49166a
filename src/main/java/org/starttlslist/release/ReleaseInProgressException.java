package org.starttlslist.release;

import java.nio.file.Path;
import org.starttlslist.failure.CouldNotCompleteException;

/** Another release or publish is running in the same clone; this one did nothing. */
public final class ReleaseInProgressException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;

    public ReleaseInProgressException(Path lockFile) {
        super(
                "another release or publish is running in this clone (it holds "
                        + lockFile
                        + "); wait for it to finish, then run this again. Nothing was changed");
        this.lockFile = lockFile;
    }

    public Path lockFile() {
        return lockFile;
    }
}
