package org.starttlslist.build;

import org.starttlslist.failure.RejectedException;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.ValidationReport;

/** The sources did not validate, so nothing was built; the report holds every finding. */
public final class InvalidSourcesException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationReport report;

    public InvalidSourcesException(ValidationReport report) {
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
        return errors + (errors == 1 ? " error" : " errors")
                + " in the sources (listed above; run 'starttls-list validate'); nothing was built";
    }
}
