package org.starttlslist.release;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** The list directory is not the top of a git working tree, so there is nothing to release from. */
public final class NotAGitRepositoryException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    public NotAGitRepositoryException(Path directory) {
        super(
                directory
                        + " is not the top of a git working tree; run the command in the list's clone or pass -C DIR");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
