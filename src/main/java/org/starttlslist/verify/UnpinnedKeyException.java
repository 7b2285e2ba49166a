package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/**
 * Step 1: a signature names an issuer that is not one of the pinned keys (or a signing subkey of
 * one).
 */
public final class UnpinnedKeyException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String issuer;

    public UnpinnedKeyException(String issuer) {
        super(
                "signature by "
                        + issuer
                        + ", which is not a pinned key; pin the maintainer's public key with --keys"
                        + " only after checking its fingerprint out of band");
        this.issuer = issuer;
    }

    /** The issuer fingerprint, or "key id …" when the signature names only a key id. */
    public String issuer() {
        return issuer;
    }
}
