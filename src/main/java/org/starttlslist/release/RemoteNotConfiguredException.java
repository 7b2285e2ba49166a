package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** The remote to check against and push to is not configured in the clone. */
public final class RemoteNotConfiguredException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String remote;

    public RemoteNotConfiguredException(String remote) {
        super(
                "no git remote named '"
                        + remote
                        + "'; pass --remote NAME, add it (git remote add "
                        + remote
                        + " URL), or use --no-push and publish later");
        this.remote = remote;
    }

    public String remote() {
        return remote;
    }
}
