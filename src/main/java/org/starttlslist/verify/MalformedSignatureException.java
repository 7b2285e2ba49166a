package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/**
 * Step 1: the signature file is not a detached OpenPGP signature (empty, truncated, damaged, or
 * something else).
 */
public final class MalformedSignatureException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String detail;

    public MalformedSignatureException(String detail) {
        super("the signature file " + detail + "; download the .asc again or re-sign the list");
        this.detail = detail;
    }

    /** What is wrong with the file ("is empty", "holds no OpenPGP signature" …). */
    public String detail() {
        return detail;
    }
}
