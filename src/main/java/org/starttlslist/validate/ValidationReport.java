package org.starttlslist.validate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.starttlslist.source.SourceSet;

/**
 * What validation found, in a stable order (file, line, column, code), and the sources as loaded.
 * {@code sources} is present when the settings could be read; a build uses it only when there is no
 * error.
 */
public record ValidationReport(List<Finding> findings, Optional<SourceSet> sources) {
    private static final Comparator<Finding> ORDER =
            Comparator.comparing(Finding::file)
                    .thenComparingInt(Finding::line)
                    .thenComparingInt(Finding::column)
                    .thenComparing(Finding::code)
                    .thenComparing(Finding::message);

    public ValidationReport {
        findings = findings.stream().sorted(ORDER).toList();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
