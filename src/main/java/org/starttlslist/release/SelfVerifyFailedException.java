package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** The freshly signed list failed the same check every mirror runs; nothing was committed. */
public final class SelfVerifyFailedException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public SelfVerifyFailedException(RuntimeException cause) {
        super("the signed list does not pass verify with the keys pinned in release/keys/ ("
                + cause.getMessage() + "); nothing was committed", cause);
    }
}
