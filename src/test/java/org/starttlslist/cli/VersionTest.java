package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.starttlslist.testing.CliRun;

class VersionTest {
    @Test
    void versionCommitAndRuntime() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode(), run.toString());
        String[] lines = run.out().split("\n");
        assertTrue(
                lines[0].matches("starttls-list \\S.* \\(commit ([0-9a-f]{12}|unknown)\\)"),
                run.out());
        assertTrue(
                lines[1].startsWith("Java runtime: ")
                        && lines[1].contains(System.getProperty("java.runtime.version")),
                run.out());
    }

    @Test
    void theFastPathPrintsWhatPicocliPrints() {
        // A bare --version is answered before picocli is built; anywhere else picocli answers.
        CliRun bare = CliRun.of("--version");
        assertEquals(bare, CliRun.of("-V"));
        assertEquals(bare, CliRun.of("-C", ".", "--version"));
        assertEquals(bare, CliRun.of("--stacktrace", "-V"));
        assertEquals("", bare.err());
    }

    @Test
    void quiet_printsNothingOnStdout_butErrorsStillShow() {
        assertEquals("", CliRun.of("--quiet", "--version").out());
        CliRun failing =
                CliRun.of(
                        "--quiet",
                        "verify",
                        "/nonexistent/policy.json",
                        "--keys",
                        "/nonexistent/key.asc");
        assertTrue(failing.exitCode() != 0 && !failing.err().isEmpty(), failing.toString());
        assertEquals("", failing.out());
    }

    @Test
    void helpCommand() {
        CliRun run = CliRun.of("help", "mirror");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("--config=FILE"), run.out());
    }
}
