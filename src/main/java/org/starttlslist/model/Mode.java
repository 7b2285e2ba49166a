package org.starttlslist.model;

import java.util.Optional;

/** How a sender treats a listed domain whose servers fail the policy. */
public enum Mode {
    /** Deliver anyway, but log and report the failure. */
    TESTING("testing"),
    /** Refuse to deliver in plain text or to an unmatched server. */
    ENFORCE("enforce");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    /** The spelling in JSON. */
    public String wire() {
        return wire;
    }

    public static Optional<Mode> fromWire(String text) {
        for (Mode mode : values()) {
            if (mode.wire.equals(text)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
