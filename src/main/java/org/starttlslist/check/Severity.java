package org.starttlslist.check;

/** How much a finding weighs in the verdict. */
public enum Severity {
    /** An observation (TLS version, certificate, TLS-RPT): no effect on the verdict. */
    INFO("info"),
    /**
     * Eligible, but the operator should act (an expiring certificate, a backup MX that never
     * answers).
     */
    WARNING("warning"),
    /** Keeps the domain off the list. */
    FAILURE("failure"),
    /** The check itself could not be done (resolver down, no MX host answered). */
    ERROR("error");

    private final String wire;

    Severity(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
