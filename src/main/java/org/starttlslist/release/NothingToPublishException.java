package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** {@code publish} found no prepared release: no published pair, or no release tag at HEAD. */
public final class NothingToPublishException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public NothingToPublishException(String why) {
        super(why + "; prepare a release with 'starttls-list release --no-push' first");
    }
}
