package org.starttlslist.build;

import java.time.Instant;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * The whole build of a repository as {@code build} and {@code release} run it: validate, merge,
 * write the canonical bytes. Nothing is written to disk here; the caller decides where the bytes
 * go.
 */
public final class ListBuild {
    /** What a build produced: the model, its canonical bytes, and the report (warnings only). */
    public record Result(PolicyList list, byte[] bytes, ValidationReport report) {}

    private ListBuild() {}

    /**
     * Builds the list of {@code repository} at {@code now}, which is both the instant validation
     * checks against and the list's timestamp.
     *
     * @throws InvalidSourcesException when validation found an error (or could not load the
     *     settings)
     * @throws ValidityTooShortException see {@link ListBuilder#merge}
     * @throws ExpiryNotAfterTimestampException see {@link ListBuilder#merge}
     */
    public static Result run(ListRepository repository, Instant now) {
        ValidationReport report = new Validator(repository, now).validateAll();
        if (report.hasErrors() || report.sources().isEmpty()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.BUILD);
        }
        SourceSet sources = report.sources().get();
        PolicyList list = ListBuilder.merge(sources, now);
        return new Result(list, CanonicalListWriter.write(list), report);
    }
}
