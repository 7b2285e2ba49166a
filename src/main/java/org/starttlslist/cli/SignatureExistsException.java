package org.starttlslist.cli;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** {@code sign} would replace a signature file that may hold other maintainers' signatures. */
final class SignatureExistsException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    SignatureExistsException(Path file) {
        super(
                file
                        + " already exists; add your signature with --append, or replace it with --force");
        this.file = file;
    }

    /** The file that already exists and was left as it was. */
    Path file() {
        return file;
    }
}
