package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** The key given to sign with is not one the mirrors pin, so they would refuse the release. */
public final class SignerNotMaintainerException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;

    public SignerNotMaintainerException(String fingerprint, String why) {
        super(
                "the signing key "
                        + fingerprint
                        + " "
                        + why
                        + "; add its public key to release/keys/ and its fingerprint to \"maintainers\" in release/config.json (in a reviewed commit) first");
        this.fingerprint = fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
