package org.starttlslist.release;

import java.util.List;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * The remote refused at least one ref of the atomic push, so it took none. JGit reports this per
 * ref instead of throwing; each refusal is kept here with the remote's reason.
 */
public final class PushRejectedException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;
    private final List<String> refusals;

    public PushRejectedException(String remote, List<String> refusals) {
        super("'" + remote + "' refused the push: " + String.join("; ", refusals));
        this.refusals = List.copyOf(refusals);
    }

    /** One "ref: status (reason)" per refused ref. */
    public List<String> refusals() {
        return refusals;
    }
}
