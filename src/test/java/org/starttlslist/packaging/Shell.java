package org.starttlslist.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the machine, for the package tests, with its output (stdout and stderr
 * together).
 */
record Shell(int exit, String out) {
    static Shell run(String... command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Shell(process.exitValue(), out);
    }

    static String ok(String... command) throws IOException, InterruptedException {
        Shell shell = run(command);
        assertEquals(0, shell.exit(), String.join(" ", command) + "\n" + shell.out());
        return shell.out();
    }

    static boolean onPath(String program) {
        for (String directory : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    static boolean root() throws IOException, InterruptedException {
        return run("id", "-u").out().strip().equals("0");
    }

    /**
     * The one file in target/ whose name matches, e.g. "starttls-list_*.deb"; null when there is
     * none.
     */
    static Path built(String glob) throws IOException {
        try (var files = Files.newDirectoryStream(Path.of("target"), glob)) {
            Path found = null;
            for (Path file : files) {
                found = file.toAbsolutePath();
            }
            return found;
        }
    }
}
