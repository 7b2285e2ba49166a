package org.starttlslist.release;

import org.starttlslist.failure.CouldNotCompleteException;

/** Fetching from or pushing to the remote failed before it could answer for each ref. */
public final class RemoteUnreachableException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String remote;

    public RemoteUnreachableException(String remote, String action, Throwable cause) {
        super("could not " + action + " '" + remote + "': " + cause.getMessage(), cause);
        this.remote = remote;
    }

    public String remote() {
        return remote;
    }
}
