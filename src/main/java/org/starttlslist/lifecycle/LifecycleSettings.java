package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.json.Json;
import org.starttlslist.source.ListRepository;
import tools.jackson.databind.JsonNode;

/**
 * The lifecycle's settings in {@code release/config.json} (the schema enforces the bounds).
 *
 * @param testingDays days a domain must pass every daily check in {@code testing} before it may be
 *     promoted; never less than 7 (the list's rule: "at least one week")
 * @param testingFailureDays days of failure after which a {@code testing} domain is removed
 * @param graceDays failing days in a row after which an {@code enforce} domain goes back to {@code
 *     testing}, so that mail keeps flowing
 * @param noticesPerRun at most this many notices are sent per run; the rest wait in the outbox
 */
public record LifecycleSettings(
        int testingDays, int testingFailureDays, int graceDays, int noticesPerRun) {
    public static final int MINIMUM_TESTING_DAYS = 7;
    public static final LifecycleSettings DEFAULTS = new LifecycleSettings(7, 14, 3, 50);

    public LifecycleSettings {
        if (testingDays < MINIMUM_TESTING_DAYS) {
            throw new IllegalArgumentException(
                    "testing-days is " + testingDays + "; it is never less than 7");
        }
        if (testingFailureDays < 1 || graceDays < 1 || noticesPerRun < 1) {
            throw new IllegalArgumentException(
                    "testing-failure-days, grace-days and notices-per-run are at least 1");
        }
    }

    /** The settings of a repository; absent keys take their defaults. */
    public static LifecycleSettings load(ListRepository repository) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(repository.configFile());
        } catch (NoSuchFileException e) {
            return DEFAULTS;
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read release/config.json: " + e.getMessage(), e);
        }
        JsonNode config = Json.readStrict(bytes);
        try {
            return new LifecycleSettings(
                    number(config, "testing-days", DEFAULTS.testingDays),
                    number(config, "testing-failure-days", DEFAULTS.testingFailureDays),
                    number(config, "grace-days", DEFAULTS.graceDays),
                    number(config, "notices-per-run", DEFAULTS.noticesPerRun));
        } catch (IllegalArgumentException e) {
            throw new CouldNotCompleteException(
                    "release/config.json: " + e.getMessage() + "; run validate", e);
        }
    }

    private static int number(JsonNode config, String key, int fallback) {
        JsonNode value = config.get(key);
        return value == null || !value.isInt() ? fallback : value.intValue();
    }
}
