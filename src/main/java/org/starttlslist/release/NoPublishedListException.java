package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** There is no published list to report on: nothing was released yet, so a release is due. */
public final class NoPublishedListException extends RejectedException {
    private static final long serialVersionUID = 1L;

    public NoPublishedListException(String why) {
        super(why + "; nothing has been released yet, run 'starttls-list release'");
    }
}
