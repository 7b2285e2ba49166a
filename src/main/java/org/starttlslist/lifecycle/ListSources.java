package org.starttlslist.lifecycle;

import java.time.Instant;
import java.util.Optional;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * The sources a lifecycle command acts on, validated first: no command builds on a broken
 * repository.
 */
final class ListSources {
    private ListSources() {}

    static SourceSet load(ListRepository repository, Instant now) {
        ValidationReport report = new Validator(repository, now).validateAll();
        if (report.hasErrors() || report.sources().isEmpty()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.CHANGE);
        }
        return report.sources().get();
    }

    static Optional<DomainSource> domain(SourceSet sources, String domain) {
        return sources.domains().stream()
                .filter(source -> source.domain().equals(domain))
                .findFirst();
    }
}
