package org.starttlslist.remote;

/**
 * The SSH server offered a key other than the one known_hosts has for it: either the server was
 * re-keyed or someone is in the middle. Refused; only a person can tell which.
 */
public final class HostKeyChangedException extends RemoteException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;

    HostKeyChangedException(String remote, String action, HostKeyVerdict verdict, Throwable cause) {
        super(
                remote,
                "could not "
                        + action
                        + " '"
                        + remote
                        + "': the SSH host key of "
                        + verdict.knownHostsName()
                        + " CHANGED (it offered "
                        + verdict.keyType()
                        + " "
                        + verdict.fingerprint()
                        + ", "
                        + String.join(", ", verdict.knownHostsFiles())
                        + " has another key); this can be an attack. Only if the"
                        + " server's operator confirms the new key, remove the old one with: ssh-keygen -R '"
                        + verdict.knownHostsName()
                        + "', then accept the new one",
                cause);
        this.fingerprint = verdict.fingerprint();
    }

    /** The key the server offered, as {@code SHA256:...}. */
    public String fingerprint() {
        return fingerprint;
    }
}
