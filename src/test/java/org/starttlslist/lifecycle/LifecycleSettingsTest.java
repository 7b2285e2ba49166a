package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.validate.Validator;

class LifecycleSettingsTest {
    @TempDir Path temp;

    @Test
    void settings_comeFromConfig_withDefaults() {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        assertEquals(LifecycleSettings.DEFAULTS, LifecycleSettings.load(repo.repository));
        repo.write(
                "release/config.json",
                "{\"author\": \"t\", \"version\": \"0.1\", \"testing-days\": 14, \"grace-days\": 2,"
                        + " \"testing-failure-days\": 30, \"notices-per-run\": 5}\n");
        assertEquals(new LifecycleSettings(14, 30, 2, 5), LifecycleSettings.load(repo.repository));
        assertTrue(
                !new Validator(repo.repository, LifecycleRepo.at(LifecycleRepo.DAY0))
                        .validateAll()
                        .hasErrors());
    }

    @Test
    void testingDays_underSeven_isAValidationError() {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        repo.write(
                "release/config.json",
                "{\"author\": \"t\", \"version\": \"0.1\", \"testing-days\": 3}\n");
        var report =
                new Validator(repo.repository, LifecycleRepo.at(LifecycleRepo.DAY0)).validateAll();
        assertTrue(
                report.findings().stream()
                        .anyMatch(
                                f ->
                                        f.code().equals("schema.minimum")
                                                && f.pointer().equals("/testing-days")),
                report.findings().toString());
    }
}
