package org.starttlslist.build;

import org.starttlslist.failure.RejectedException;
import org.starttlslist.validate.Finding;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.ValidationReport;

/**
 * The sources did not validate, so nothing was built; the report holds every finding. (Distinct
 * from validate's own InvalidSourcesException, which only counts: a build's caller gets the
 * report.)
 */
public final class SourcesRejectedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationReport report;

    public SourcesRejectedException(ValidationReport report) {
        super(describe(report));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }

    private static String describe(ValidationReport report) {
        long errors = report.count(Severity.ERROR);
        if (errors == 0) {
            return "the sources could not be loaded (release/config.json is missing or unreadable); nothing was built";
        }
        // The first error in the message itself: a caller that does not print the report (a
        // release, a test) still says what to fix.
        Finding first =
                report.findings().stream()
                        .filter(f -> f.severity() == Severity.ERROR)
                        .findFirst()
                        .orElseThrow();
        return errors
                + (errors == 1 ? " error" : " errors")
                + " in the sources, first "
                + first.file()
                + ":"
                + first.line()
                + ":"
                + first.column()
                + ": "
                + first.message()
                + "; run 'starttls-list validate' to see all; nothing was built";
    }
}
