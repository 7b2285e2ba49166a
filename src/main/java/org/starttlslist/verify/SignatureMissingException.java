package org.starttlslist.verify;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** The list comes without its signature file: an unsigned list is never used. */
public final class SignatureMissingException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public SignatureMissingException(Path list, Path signature) {
        super(
                list
                        + " is unsigned: "
                        + signature
                        + " does not exist; fetch the .asc published beside it");
    }
}
