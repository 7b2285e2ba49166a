package org.starttlslist.verify;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** The list comes without its signature file: an unsigned list is never used. */
public final class SignatureMissingException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Path list;
    private final transient Path signature;

    public SignatureMissingException(Path list, Path signature) {
        super(
                list
                        + " is unsigned: "
                        + signature
                        + " does not exist; fetch the .asc published beside it");
        this.list = list;
        this.signature = signature;
    }

    public Path list() {
        return list;
    }

    /** The signature file that does not exist. */
    public Path signature() {
        return signature;
    }
}
