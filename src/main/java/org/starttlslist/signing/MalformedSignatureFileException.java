package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** A signature file to append to (or appended) is not a file of detached signatures. */
public final class MalformedSignatureFileException extends RejectedException {
    private static final long serialVersionUID = 1L;

    MalformedSignatureFileException(String what, String problem) {
        super(what + " " + problem);
    }
}
