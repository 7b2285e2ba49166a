package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** There is no published list to report on: nothing was released yet, so a release is due. */
public final class NoPublishedListException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String remote;

    /**
     * @param remote the git remote whose release branch was read; empty for the clone's HEAD
     */
    public NoPublishedListException(java.util.Optional<String> remote, String why) {
        super(why + "; nothing has been released yet, run 'starttls-list release'");
        this.remote = remote.orElse(null);
    }

    /** The git remote that has no published list; empty when HEAD of the clone has none. */
    public java.util.Optional<String> remote() {
        return java.util.Optional.ofNullable(remote);
    }
}
