package org.starttlslist.remote;

/** No connection: unknown host name, connection refused, timed out, or TLS could not be set up. */
public final class HostUnreachableException extends RemoteException {
    private static final long serialVersionUID = 1L;

    HostUnreachableException(String remote, String action, String reason, Throwable cause) {
        super(
                remote,
                "could not " + action + " '" + remote + "': host unreachable (" + reason + ")",
                cause);
    }
}
