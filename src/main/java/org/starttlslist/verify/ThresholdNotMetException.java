package org.starttlslist.verify;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/** Step 2: fewer than K distinct pinned keys made valid signatures. */
public final class ThresholdNotMetException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final int found;
    private final int required;
    private final List<String> signers;

    public ThresholdNotMetException(
            int found, int required, List<String> signers, String otherProblem) {
        super(
                required
                        + " valid signatures from distinct pinned keys are required, found "
                        + found
                        + (signers.isEmpty() ? "" : " (" + String.join(", ", signers) + ")")
                        + (otherProblem == null ? "" : "; also " + otherProblem));
        this.found = found;
        this.required = required;
        this.signers = List.copyOf(signers);
    }

    public int found() {
        return found;
    }

    public int required() {
        return required;
    }

    /** The primary fingerprints of the keys whose signatures counted. */
    public List<String> signers() {
        return signers;
    }
}
