package org.starttlslist.remote;

/** Logged in, but not allowed to push there (read-only access or a protected branch). */
public final class PushPermissionDeniedException extends RemoteException {
    private static final long serialVersionUID = 1L;

    PushPermissionDeniedException(String remote, String reason, Throwable cause) {
        super(
                remote,
                "could not push to '"
                        + remote
                        + "': permission denied ("
                        + reason
                        + "); ask for write access,"
                        + " or, on a protected branch, use 'release --propose' and a pull request",
                cause);
    }
}
