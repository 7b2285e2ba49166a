package org.starttlslist.remote;

/** The server refused the credentials offered (or we had none to offer). */
public final class AuthenticationRefusedException extends RemoteException {
    private static final long serialVersionUID = 1L;

    AuthenticationRefusedException(String remote, String action, String fix, Throwable cause) {
        super(
                remote,
                "could not " + action + " '" + remote + "': authentication refused; " + fix,
                cause);
    }
}
