package org.starttlslist.cli;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** A command would overwrite a file it must never replace (a key). */
final class OutputExistsException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    OutputExistsException(Path file) {
        super(
                file
                        + " already exists and keys are never overwritten; move it away or choose another --out");
        this.file = file;
    }

    /** The file that already exists and was left as it was. */
    Path file() {
        return file;
    }
}
