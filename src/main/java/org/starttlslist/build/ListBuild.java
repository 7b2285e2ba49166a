package org.starttlslist.build;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.CheckedDomain;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.Validation;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * The whole build of a repository, two ways to the same bytes: {@code release} validates, merges
 * the sources into the model and takes the canonical bytes in memory to sign and commit ({@link
 * #run}); {@code build} validates keeping of each domain only its bytes in the list, then writes
 * them to a file in order ({@link #prepare}, {@link #write(Prepared, Instant, Path)}).
 * GoldenBuildTest and ListBuildTest hold the two to the same bytes.
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
     * A repository validated for {@code build}: the report (warnings only), the settings and
     * aliases, and of each domain only its bytes in the list ({@link ListMembers}), sorted by name.
     */
    public static final class Prepared {
        private final ValidationReport report;
        private final ListSettings settings;
        private final List<AliasSource> aliases;
        private final List<byte[]> members;
        private final ListMembers counts;

        private Prepared(
                ValidationReport report,
                ListSettings settings,
                List<AliasSource> aliases,
                List<byte[]> members,
                ListMembers counts) {
            this.report = report;
            this.settings = settings;
            this.aliases = aliases;
            this.members = members;
            this.counts = counts;
        }

        public ValidationReport report() {
            return report;
        }
    }

    /** What {@link #write(Prepared, Instant, Path)} wrote: the list's frame and its counts. */
    public record Written(PolicyList frame, int domains, long enforce, long testing) {}

    /**
     * Validates the sources of {@code repository} at {@code now}, keeping of each domain only what
     * the list holds of it.
     *
     * @throws InvalidSourcesException when validation found an error (or could not load the
     *     settings)
     */
    public static Prepared prepare(ListRepository repository, Instant now) {
        ListMembers members = new ListMembers();
        Validation<byte[]> validation = new Validator(repository, now).validateAll(members);
        ValidationReport report = validation.report();
        if (report.hasErrors() || validation.settings().isEmpty()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.BUILD);
        }
        return new Prepared(
                report,
                validation.settings().get(),
                validation.aliases(),
                validation.domains(),
                members);
    }

    /** {@link #prepare(ListRepository, Instant)} of sources already loaded (tests). */
    static Prepared prepare(SourceSet sources) {
        ListMembers members = new ListMembers();
        List<byte[]> kept = new ArrayList<>();
        sources.domains().forEach(domain -> kept.add(members.keep(CheckedDomain.of(domain))));
        return new Prepared(
                new ValidationReport(List.of(), Optional.empty()),
                sources.settings(),
                sources.aliases(),
                members.sorted(kept),
                members);
    }

    /**
     * Writes the list of {@code prepared}, published at {@code now}, to {@code target} (as {@link
     * AtomicFiles#write} writes): its domains' bytes, made as their files were checked, copied to
     * the file in order. Nothing is written when the list is refused.
     *
     * @throws ValidityTooShortException see {@link ListBuilder#merge}
     * @throws ExpiryNotAfterTimestampException see {@link ListBuilder#merge}
     * @throws DuplicateSourceException when two sources name the same domain or alias
     * @throws IOException when {@code target} cannot be written
     */
    public static Written write(Prepared prepared, Instant now, Path target) throws IOException {
        PolicyList frame = ListBuilder.frame(prepared.settings, prepared.aliases, now);
        AtomicFiles.write(
                target, channel -> CanonicalListWriter.write(frame, prepared.members, channel));
        return new Written(
                frame,
                prepared.members.size(),
                prepared.counts.count(Mode.ENFORCE, frame.aliases()),
                prepared.counts.count(Mode.TESTING, frame.aliases()));
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
