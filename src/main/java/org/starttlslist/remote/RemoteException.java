package org.starttlslist.remote;

import org.starttlslist.failure.CouldNotCompleteException;

/** A remote could not be reached or would not let us in; the subclasses say which. Exit 3. */
public abstract class RemoteException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String remote;

    RemoteException(String remote, String message, Throwable cause) {
        super(message, cause);
        this.remote = remote;
    }

    /** The remote's name or URL, as the user gave it. */
    public String remote() {
        return remote;
    }
}
