package org.starttlslist.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped service and timer, checked by systemd itself: they parse, and the service's sandbox
 * rates 3.0 or lower in {@code systemd-analyze security} (the README states the figure).
 */
class SystemdUnitsTest {
    static final double MAX_EXPOSURE = 3.0;

    @TempDir Path tmp;

    @BeforeEach
    void systemdAnalyze() {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is not installed");
    }

    private Path write(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), ScheduleFiles.text(name));
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    record Result(int exit, String out) {}

    @Test
    void serviceExposureIsAtMost3() throws Exception {
        Path service = write(ScheduleFiles.SERVICE);
        Result result =
                run(
                        List.of(
                                "systemd-analyze",
                                "security",
                                "--offline=yes",
                                "--no-pager",
                                service.toString()));
        Matcher figure =
                Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d)")
                        .matcher(result.out());
        assertTrue(figure.find(), result.out());
        double exposure = Double.parseDouble(figure.group(1));
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + "\n" + result.out());
        assertEquals("1.3", figure.group(1), "the README states 1.3; update it with the units");
    }

    @Test
    void unitsVerify() throws Exception {
        // The commands the units name exist once the package is installed; here stand-ins at
        // the same places would need root, so verify copies whose commands point at /bin/true.
        String service =
                ScheduleFiles.text(ScheduleFiles.SERVICE)
                        .replace("/usr/bin/starttls-list", "/bin/true")
                        .replace("/usr/lib/starttls-list/reload-postfix", "/bin/true");
        Path unit = Files.writeString(tmp.resolve(ScheduleFiles.SERVICE), service);
        Path timer = write(ScheduleFiles.TIMER);
        Result result =
                run(
                        List.of(
                                "systemd-analyze",
                                "verify",
                                "--man=no",
                                unit.toString(),
                                timer.toString()));
        assertEquals(0, result.exit(), result.out());
        assertEquals("", result.out().strip(), result.out());
    }

    @Test
    void onlyTheReloadStepIsPrivileged() {
        String service = ScheduleFiles.text(ScheduleFiles.SERVICE);
        assertTrue(service.contains("\nUser=starttls-list\n"), service);
        assertTrue(
                service.contains("\nExecStopPost=+/usr/lib/starttls-list/reload-postfix "),
                service);
        long privileged = service.lines().filter(l -> l.matches("Exec\\w+=[!+@:-]*[+!].*")).count();
        assertEquals(1, privileged, "exactly one privileged command");
        assertTrue(service.contains("\nCapabilityBoundingSet=\n"), service);
    }
}
