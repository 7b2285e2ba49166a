package org.starttlslist.signing;

import org.starttlslist.failure.RejectedException;

/** A key file was read but holds no usable OpenPGP key of the expected kind. */
public final class MalformedKeyException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public MalformedKeyException(String file, String detail) {
        super(file + " " + detail);
    }
}
