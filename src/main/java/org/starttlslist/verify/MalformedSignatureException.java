package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/**
 * Step 1: the signature file is not a detached OpenPGP signature (empty, truncated, damaged, or
 * something else).
 */
public final class MalformedSignatureException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public MalformedSignatureException(String detail) {
        super("the signature file " + detail + "; download the .asc again or re-sign the list");
    }
}
