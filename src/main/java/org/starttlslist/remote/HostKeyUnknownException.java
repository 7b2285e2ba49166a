package org.starttlslist.remote;

/** The SSH server's host key is in no known_hosts file: refused, never accepted silently. */
public final class HostKeyUnknownException extends RemoteException {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final String fingerprint;

    HostKeyUnknownException(String remote, String action, HostKeyVerdict verdict, Throwable cause) {
        super(
                remote,
                "could not "
                        + action
                        + " '"
                        + remote
                        + "': the SSH host key of "
                        + verdict.knownHostsName()
                        + " is unknown ("
                        + verdict.keyType()
                        + " "
                        + verdict.fingerprint()
                        + ", not in "
                        + String.join(", ", verdict.knownHostsFiles())
                        + "); if that is the server's fingerprint (ask its operator),"
                        + " accept it with: ssh-keyscan"
                        + verdict.portOption()
                        + " "
                        + verdict.host()
                        + " >> ~/.ssh/known_hosts",
                cause);
        this.host = verdict.knownHostsName();
        this.fingerprint = verdict.fingerprint();
    }

    /** The host as known_hosts names it: {@code host} or {@code [host]:port}. */
    public String host() {
        return host;
    }

    /** The key the server offered, as {@code SHA256:...}. */
    public String fingerprint() {
        return fingerprint;
    }
}
