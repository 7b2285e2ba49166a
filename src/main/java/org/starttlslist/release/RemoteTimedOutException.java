package org.starttlslist.release;

import org.starttlslist.failure.CouldNotCompleteException;

/** The remote did not connect or did not answer within the deadline. */
public final class RemoteTimedOutException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final String remote;
    private final int seconds;

    public RemoteTimedOutException(String remote, String action, int seconds, Throwable cause) {
        super(
                "could not "
                        + action
                        + " '"
                        + remote
                        + "': no answer within "
                        + seconds
                        + " s (--timeout SECONDS sets the deadline); check the remote's URL and that its server is up"
                        + (action.startsWith("push")
                                ? "; whether the remote took the push is unknown: 'starttls-list status --remote "
                                        + remote
                                        + "' shows it, and 'starttls-list publish' pushes the release again"
                                : ""),
                cause);
        this.remote = remote;
        this.seconds = seconds;
    }

    public String remote() {
        return remote;
    }

    public int seconds() {
        return seconds;
    }
}
