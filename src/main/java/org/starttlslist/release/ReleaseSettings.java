package org.starttlslist.release;

import java.time.Instant;
import java.util.List;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/** The settings in {@code release/config.json}, read the one way the validator reads them. */
public final class ReleaseSettings {
    private ReleaseSettings() {}

    public static ListSettings read(ListRepository repository, Instant now) {
        // Only release/config.json (and the keys it names): status, publish and the committer
        // lookup must not pay for checking every source, which release does once, itself.
        ValidationReport report = new Validator(repository, now).validate(List.of());
        return report.sources()
                .orElseThrow(
                        () ->
                                new InvalidSourcesException(
                                        report, InvalidSourcesException.Step.SETTINGS))
                .settings();
    }
}
