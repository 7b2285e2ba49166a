package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.starttlslist.testing.CliRun;

class MainTest {
    @Test
    void help_listsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("validate"), run::toString);
        assertTrue(run.out().contains("3  could not complete"), run::toString);
    }

    @Test
    void version_printsName() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("starttls-list "), run::toString);
    }

    @Test
    void noCommand_isUsageErrorWithTheUsageOnStderr() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Commands:"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void unknownOption_isUsageError() {
        CliRun run = CliRun.of("--no-such-option");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown option"), run::toString);
    }

    @Test
    void badNow_isUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("validate", "--now", "yesterday");
        assertEquals(2, run.exitCode());
        assertTrue(
                run.err().contains("--now 'yesterday' is not an RFC 3339 instant"), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    @Test
    void missingRepository_couldNotComplete_oneLineNoStackTrace(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        CliRun run = CliRun.of("-C", empty.toString(), "validate", "--now", "2026-01-01T00:00:00Z");
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("release/config.json"), run::toString);
    }

    @Test
    void stacktraceFlag_printsTheTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        CliRun run = CliRun.of("--stacktrace", "-C", empty.toString(), "validate");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("\tat "), run::toString);
    }

    @Test
    void exitCodes_aBugIsNotAnIoFailure() {
        assertEquals(
                ExitCodes.INTERNAL_ERROR,
                CommandLines.exitCode(new IllegalStateException("a bug")));
        assertEquals(ExitCodes.INTERNAL_ERROR, CommandLines.exitCode(new NullPointerException()));
        assertEquals(
                ExitCodes.COULD_NOT_COMPLETE,
                CommandLines.exitCode(new java.io.IOException("disk")));
        assertEquals(
                ExitCodes.COULD_NOT_COMPLETE,
                CommandLines.exitCode(
                        new java.io.UncheckedIOException(new java.io.IOException("disk"))));
        assertEquals(ExitCodes.USAGE, CommandLines.exitCode(new UsageException("bad flag")));
        assertEquals(70, ExitCodes.INTERNAL_ERROR);
    }
}
