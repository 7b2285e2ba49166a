package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** {@code validate} found errors; a release is built only from sources without any. */
public final class SourcesInvalidException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final long errors;

    public SourcesInvalidException(long errors, String first) {
        super(
                "validate found "
                        + errors
                        + " error(s), first: "
                        + first
                        + "; run 'starttls-list validate' for all of them and fix them before releasing");
        this.errors = errors;
    }

    /**
     * The refusal for a report with errors (or without readable settings), naming the first error.
     */
    public static SourcesInvalidException of(org.starttlslist.validate.ValidationReport report) {
        var errors =
                report.findings().stream()
                        .filter(f -> f.severity() == org.starttlslist.validate.Severity.ERROR)
                        .toList();
        String first =
                errors.isEmpty()
                        ? "release/config.json could not be read"
                        : errors.get(0).file()
                                + ":"
                                + errors.get(0).line()
                                + ": "
                                + errors.get(0).message();
        return new SourcesInvalidException(Math.max(1, errors.size()), first);
    }

    public long errors() {
        return errors;
    }
}
