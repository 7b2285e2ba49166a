package org.starttlslist.check;

/**
 * The outcome for one domain. Exit codes: all eligible 0; some not eligible 1; could not check 3.
 */
public enum Verdict {
    ELIGIBLE("eligible"),
    ELIGIBLE_WITH_WARNINGS("eligible-with-warnings"),
    NOT_ELIGIBLE("not-eligible"),
    COULD_NOT_CHECK("could-not-check");

    private final String wire;

    Verdict(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isEligible() {
        return this == ELIGIBLE || this == ELIGIBLE_WITH_WARNINGS;
    }
}
