package org.starttlslist.build;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * The whole build of a repository as {@code build} and {@code release} run it: validate, merge,
 * write the canonical bytes. Nothing is written to disk here; the caller decides where the bytes
 * go: in memory ({@code release} signs and commits them) or straight to a file ({@code build}).
 */
public final class ListBuild {
    /** What a build produced: the merged list and the report (warnings only). */
    public record Result(PolicyList list, ValidationReport report) {
        /** The list's canonical bytes, made on each call. */
        public byte[] bytes() {
            return CanonicalListWriter.write(list);
        }
    }

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
        ValidationReport report = validate(repository, now);
        return new Result(ListBuilder.merge(report.sources().orElseThrow(), now), report);
    }

    /**
     * As {@link #run} after {@link #validate}, with the canonical bytes written to {@code target}
     * (as {@link AtomicFiles#write} writes) as the domains are merged: one pass over the domains
     * makes each policy canonical and writes its bytes while it is still in the cache, and the list
     * is never whole in memory. Nothing is written when the merge refuses the list.
     *
     * @param report what {@link #validate} returned
     * @throws ValidityTooShortException see {@link ListBuilder#merge}
     * @throws ExpiryNotAfterTimestampException see {@link ListBuilder#merge}
     * @throws IOException when {@code target} cannot be written
     */
    public static Result write(ValidationReport report, Instant now, Path target)
            throws IOException {
        ListBuilder.Merging merging = ListBuilder.start(report.sources().orElseThrow(), now);
        try {
            write(merging, target);
        } catch (ListBuilder.NotInOrderException e) {
            merging = merging.sorted();
            write(merging, target);
        }
        return new Result(merging.finish(), report);
    }

    private static void write(ListBuilder.Merging merging, Path target) throws IOException {
        AtomicFiles.write(
                target,
                channel ->
                        CanonicalListWriter.write(
                                merging.frame(),
                                merging,
                                channel,
                                CanonicalListWriter.PARALLEL_FROM,
                                CanonicalListWriter.CHUNK));
    }

    /**
     * Validates the sources of {@code repository} at {@code now}.
     *
     * @return the report, which has sources and warnings only
     * @throws InvalidSourcesException when validation found an error (or could not load the
     *     settings)
     */
    public static ValidationReport validate(ListRepository repository, Instant now) {
        ValidationReport report = new Validator(repository, now).validateAll();
        if (report.hasErrors() || report.sources().isEmpty()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.BUILD);
        }
        return report;
    }
}
