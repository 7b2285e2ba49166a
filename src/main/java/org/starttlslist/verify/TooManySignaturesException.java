package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/**
 * Step 1: the signature file holds more signatures than the cap; counting stops at the first one
 * too many, so a file of a million signatures costs no more than the cap.
 */
public final class TooManySignaturesException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final int cap;

    public TooManySignaturesException(int cap) {
        super(
                "the signature file holds more than "
                        + cap
                        + " signatures; refused (raise --max-signatures"
                        + " if the list really has that many signers)");
        this.cap = cap;
    }

    public int cap() {
        return cap;
    }
}
