package org.starttlslist.validate;

import java.util.Optional;
import org.starttlslist.failure.RejectedException;

/**
 * The list's sources did not validate, so the step that needed them did nothing. The one refusal
 * for invalid sources, whichever command met them: it carries the whole report, so a caller can
 * print every finding, and its message names the counts and the first error, so a caller that
 * prints nothing else (a release, a lifecycle command) still says what to fix.
 */
public final class InvalidSourcesException extends RejectedException {
    private static final long serialVersionUID = 1L;

    /** The step the invalid sources stopped, which the message names. */
    public enum Step {
        /** {@code validate} itself: the findings have been printed above the message. */
        VALIDATE(null),
        BUILD("nothing was built"),
        RELEASE("nothing was released"),
        /** A lifecycle command (add, remove, promote, recheck …). */
        CHANGE("nothing was changed"),
        /** Only {@code release/config.json} and its keys were read (status, publish, cosign). */
        SETTINGS("nothing was done");

        private final String consequence;

        Step(String consequence) {
            this.consequence = consequence;
        }
    }

    private final transient ValidationReport report;
    private final Step step;

    public InvalidSourcesException(ValidationReport report, Step step) {
        super(describe(report, step));
        this.report = report;
        this.step = step;
    }

    /** Every finding, warnings too, and the sources when the settings could be read. */
    public ValidationReport report() {
        return report;
    }

    public Step step() {
        return step;
    }

    public long errors() {
        return report.count(Severity.ERROR);
    }

    public long warnings() {
        return report.count(Severity.WARNING);
    }

    /** The first error in the report's order; empty when only the settings could not be loaded. */
    public Optional<Finding> firstError() {
        return report.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst();
    }

    private static String describe(ValidationReport report, Step step) {
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        String tail =
                step.consequence == null
                        ? "each is reported above with its file, line and fix"
                        : "run 'starttls-list validate' to see all; " + step.consequence;
        if (errors == 0) {
            return "the sources could not be loaded (release/config.json is missing or unreadable); "
                    + (step.consequence == null ? "nothing was checked" : step.consequence);
        }
        StringBuilder message =
                new StringBuilder()
                        .append(errors)
                        .append(errors == 1 ? " error, " : " errors, ")
                        .append(warnings)
                        .append(warnings == 1 ? " warning" : " warnings")
                        .append(" in the list's sources");
        if (step.consequence != null) {
            // The first error in the message itself: these callers do not print the report.
            Finding first =
                    report.findings().stream()
                            .filter(f -> f.severity() == Severity.ERROR)
                            .findFirst()
                            .orElseThrow();
            message.append(", first ")
                    .append(first.file())
                    .append(':')
                    .append(first.line())
                    .append(':')
                    .append(first.column())
                    .append(": ")
                    .append(first.message());
        }
        return message.append("; ").append(tail).toString();
    }
}
