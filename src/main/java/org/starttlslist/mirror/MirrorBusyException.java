package org.starttlslist.mirror;

import java.nio.file.Path;
import org.starttlslist.failure.CouldNotCompleteException;

/** Another run holds the mirror directory's lock. */
public final class MirrorBusyException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final Path lockFile;

    public MirrorBusyException(Path lockFile) {
        super("another mirror run holds " + lockFile + "; try again when it has finished");
        this.lockFile = lockFile;
    }

    public Path lockFile() {
        return lockFile;
    }
}
