package org.starttlslist.validate;

/** An error fails validation (exit 1); a warning is shown and does not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
