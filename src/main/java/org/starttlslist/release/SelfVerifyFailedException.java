package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/**
 * The signed list failed the same check every mirror runs, so it was not released: before the
 * commit ({@code release}) or before the push ({@code publish}).
 */
public final class SelfVerifyFailedException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public SelfVerifyFailedException(RuntimeException cause, String consequence) {
        super(
                "the signed list does not pass verify with the keys pinned in release/keys/ ("
                        + cause.getMessage()
                        + "); "
                        + consequence,
                cause);
    }
}
