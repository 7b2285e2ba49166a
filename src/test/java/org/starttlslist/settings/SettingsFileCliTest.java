package org.starttlslist.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;

/**
 * mirror --config: the file stands for options, flags override it, and a bad file writes nothing.
 */
class SettingsFileCliTest {
    @TempDir Path tmp;

    private Path conf(String text) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        return Files.writeString(etc.resolve("mirror.conf"), text);
    }

    /** --print-schedule shows the settings as parsed, so it shows which value won. */
    private String settingsShown(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().substring(0, run.out().indexOf("# --- /lib/systemd"));
    }

    @Test
    void relativePathsAreRelativeToTheFile() throws Exception {
        Path conf = conf("from = /srv/list\nkeys = keys/a.asc, keys/b.asc\ninto = ../state\n");
        String shown = settingsShown("mirror", "--config", conf.toString(), "--print-schedule");
        assertTrue(
                shown.contains(
                        "keys = "
                                + tmp.resolve("etc/keys/a.asc")
                                + ","
                                + tmp.resolve("etc/keys/b.asc")),
                shown);
        assertTrue(shown.contains("into = " + tmp.resolve("state")), shown);
        assertTrue(shown.contains("from = /srv/list"), shown);
    }

    @Test
    void aFlagOverridesTheFile_beforeOrAfterConfig() throws Exception {
        Path conf = conf("from = /srv/list\nthreshold = 2\ninto = /var/lib/x\n");
        String after =
                settingsShown(
                        "mirror",
                        "--config",
                        conf.toString(),
                        "--threshold",
                        "3",
                        "--print-schedule");
        assertTrue(after.contains("threshold = 3") && !after.contains("threshold = 2"), after);
        String before =
                settingsShown(
                        "mirror",
                        "--into=/srv/other",
                        "--config",
                        conf.toString(),
                        "--print-schedule");
        assertTrue(before.contains("into = /srv/other") && !before.contains("/var/lib/x"), before);
    }

    @Test
    void misspeltKey_didYouMean_exit2_nothingWritten() throws Exception {
        Path state = tmp.resolve("state");
        Path conf = conf("form = /srv/list\ninto = " + state + "\n");
        CliRun run = CliRun.of("mirror", "--config", conf.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains(conf + ":1: 'form' is not a setting")
                        && run.err().contains("did you mean 'from'?"),
                run.err());
        assertFalse(Files.exists(state), "nothing was created");
    }

    @Test
    void lineWithoutEquals_namesTheLine() throws Exception {
        Path conf = conf("# comment\n\nfrom /srv/list\n");
        CliRun run = CliRun.of("mirror", "--config", conf.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains(conf + ":3: 'from /srv/list' is not 'key = value'"), run.err());
    }

    @Test
    void keyTwice_refused() throws Exception {
        Path conf = conf("into = /a\ninto = /b\n");
        CliRun run = CliRun.of("mirror", "--config", conf.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(":2: 'into' is already set on line 1"), run.err());
    }

    @Test
    void booleanMustBeTrueOrFalse() throws Exception {
        Path conf = conf("early-adopter = yes\n");
        CliRun run = CliRun.of("mirror", "--config", conf.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'early-adopter' is true or false, not 'yes'"), run.err());
    }

    @Test
    void missingFile_saysSo() {
        CliRun run = CliRun.of("mirror", "--config", tmp.resolve("nope.conf").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("nope.conf: it does not exist"), run.err());
    }

    @Test
    void optionsThatAreNotSettings_refused() throws Exception {
        Path conf = conf("now = 2026-01-01T00:00:00Z\n");
        CliRun run = CliRun.of("mirror", "--config", conf.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'now' is not a setting"), run.err());
    }

    @Test
    void theShippedExampleParses() throws Exception {
        String shipped =
                new String(
                        getClass()
                                .getResourceAsStream("/org/starttlslist/schedule/mirror.conf")
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
        Path conf = conf(shipped);
        String shown = settingsShown("mirror", "--config", conf.toString(), "--print-schedule");
        assertTrue(shown.contains("into = /var/lib/starttls-list"), shown);
    }
}
