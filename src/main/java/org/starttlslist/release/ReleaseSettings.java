package org.starttlslist.release;

import java.time.Instant;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/** The settings in {@code release/config.json}, read the one way the validator reads them. */
public final class ReleaseSettings {
    private ReleaseSettings() {}

    public static ListSettings read(ListRepository repository, Instant now) {
        ValidationReport report = new Validator(repository, now).validateAll();
        return report.sources()
                .orElseThrow(() -> SourcesInvalidException.of(report))
                .settings();
    }
}
