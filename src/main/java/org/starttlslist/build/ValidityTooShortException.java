package org.starttlslist.build;

import java.time.Duration;
import org.starttlslist.failure.RejectedException;

/** The settings ask for a list that would be valid for less than their own minimum. */
public final class ValidityTooShortException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Duration validity;
    private final transient Duration minimumValidity;

    public ValidityTooShortException(Duration validity, Duration minimumValidity) {
        super(
                "release/config.json: validity-days ("
                        + validity.toDays()
                        + " days) is shorter than "
                        + "minimum-validity-days ("
                        + minimumValidity.toDays()
                        + " days); raise validity-days "
                        + "or lower minimum-validity-days");
        this.validity = validity;
        this.minimumValidity = minimumValidity;
    }

    public Duration validity() {
        return validity;
    }

    public Duration minimumValidity() {
        return minimumValidity;
    }
}
