package org.starttlslist.mirror;

import java.nio.file.Path;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Something in the mirror directory is not what the mirror made: {@code releases/}, {@code .cache}
 * or a release a symbolic link, {@code .lock} not a plain file, {@code current} pointing elsewhere.
 * The mirror follows no link it did not make and writes nothing there; a person must look.
 */
public final class MirrorStateException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final Path entry;

    public MirrorStateException(Path entry, String problem) {
        super(
                entry
                        + " "
                        + problem
                        + ", which the mirror never makes; it touches nothing there."
                        + " Check who changed the mirror directory, move "
                        + entry.getFileName()
                        + " away and run the mirror again");
        this.entry = entry;
    }

    public Path entry() {
        return entry;
    }
}
