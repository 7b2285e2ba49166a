package org.starttlslist.lifecycle;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/**
 * The sources a lifecycle command acts on, validated first: no command builds on a broken
 * repository.
 */
final class ListSources {
    private ListSources() {}

    /** The sources are invalid; the message names the first errors and says to run validate. */
    static final class SourcesInvalidException extends RejectedException {
        private static final long serialVersionUID = 1L;

        SourcesInvalidException(String message) {
            super(message);
        }
    }

    static SourceSet load(ListRepository repository, Instant now) {
        ValidationReport report = new Validator(repository, now).validateAll();
        if (report.hasErrors() || report.sources().isEmpty()) {
            String first =
                    report.findings().stream()
                            .filter(f -> f.severity() == Severity.ERROR)
                            .limit(3)
                            .map(
                                    f ->
                                            f.file()
                                                    + ":"
                                                    + f.line()
                                                    + ": "
                                                    + f.code()
                                                    + ": "
                                                    + f.message())
                            .collect(Collectors.joining("; "));
            throw new SourcesInvalidException(
                    "the list's sources have errors ("
                            + first
                            + "); run 'starttls-list validate' and fix them first");
        }
        return report.sources().get();
    }

    static Optional<DomainSource> domain(SourceSet sources, String domain) {
        return sources.domains().stream()
                .filter(source -> source.domain().equals(domain))
                .findFirst();
    }
}
