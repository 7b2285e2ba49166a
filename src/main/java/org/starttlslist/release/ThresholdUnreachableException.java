package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/**
 * {@code "threshold"} in {@code release/config.json} asks for more signatures than there are
 * maintainers, so no release could ever be published.
 */
public final class ThresholdUnreachableException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final int threshold;
    private final int maintainers;

    public ThresholdUnreachableException(int threshold, int maintainers) {
        super(
                "\"threshold\" in release/config.json is "
                        + threshold
                        + ", but only "
                        + maintainers
                        + (maintainers == 1 ? " maintainer is" : " maintainers are")
                        + " listed, so no release could ever be signed often enough;"
                        + " lower the threshold or add maintainers");
        this.threshold = threshold;
        this.maintainers = maintainers;
    }

    public int threshold() {
        return threshold;
    }

    public int maintainers() {
        return maintainers;
    }
}
