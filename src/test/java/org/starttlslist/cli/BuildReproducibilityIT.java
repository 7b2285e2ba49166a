package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.Trees;

/** The built jar, run as a user runs it, in different time zones and locales: the same bytes. */
class BuildReproducibilityIT {
    @TempDir Path dir;

    private static final Path JAR = Path.of("target", "starttls-list.jar").toAbsolutePath();

    private byte[] build(Path repo, String out, Map<String, String> env, String... extra)
            throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toString(),
                                "-C",
                                repo.toString(),
                                "build",
                                "--out",
                                out));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("SOURCE_DATE_EPOCH");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return Files.readAllBytes(repo.resolve(out));
    }

    @Test
    void theSameBytesWhateverTheTimeZoneAndLocale() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "skipped: " + JAR + " is built by 'mvn package'");
        Path repo = Trees.copyResource("/build/mixed", dir.resolve("repo"));
        byte[] expected = Files.readAllBytes(repo.resolve("expected.policy.json"));
        String now = "2026-03-01T08:09:10.987654321+02:00";
        assertArrayEquals(
                expected,
                build(
                        repo,
                        "a.json",
                        Map.of("TZ", "UTC", "LANG", "C", "LC_ALL", "C"),
                        "--now",
                        now));
        assertArrayEquals(
                expected,
                build(
                        repo,
                        "b.json",
                        Map.of(
                                "TZ",
                                "Pacific/Chatham",
                                "LANG",
                                "tr_TR.UTF-8",
                                "LC_ALL",
                                "tr_TR.UTF-8"),
                        "--now",
                        now));
        assertArrayEquals(
                expected,
                build(
                        repo,
                        "c.json",
                        Map.of(
                                "TZ",
                                "America/Los_Angeles",
                                "LANG",
                                "ja_JP.eucJP",
                                "JAVA_TOOL_OPTIONS",
                                "-Duser.language=tr -Duser.country=TR -Dfile.encoding=ISO-8859-1"),
                        "--now",
                        now));
        // SOURCE_DATE_EPOCH 1772345350 = 2026-03-01T06:09:10Z, the same second.
        assertArrayEquals(
                expected,
                build(
                        repo,
                        "d.json",
                        Map.of("TZ", "Asia/Kolkata", "SOURCE_DATE_EPOCH", "1772345350")));
    }
}
