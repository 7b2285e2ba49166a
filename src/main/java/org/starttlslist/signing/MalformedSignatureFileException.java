package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** A signature file to append to (or appended) is not a file of detached signatures. */
public final class MalformedSignatureFileException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final String problem;

    MalformedSignatureFileException(String what, String problem) {
        super(what + " " + problem);
        this.what = what;
        this.problem = problem;
    }

    /** Which signature file: the existing one, or the new signature. */
    public String what() {
        return what;
    }

    public String problem() {
        return problem;
    }
}
