package org.starttlslist.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Postfix's {@code postmap} to build the lookup table from a text table. Found on PATH, else
 * in {@code /usr/sbin} (not on an unprivileged user's PATH under cron), unless a path is given.
 */
public record Postmap(String program, Optional<Path> configDirectory) {
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin");
    private static final long TIMEOUT_SECONDS = 300;

    public static Postmap defaults() {
        return new Postmap("postmap", Optional.empty());
    }

    /**
     * {@code postmap TYPE:TABLE}; any failure is {@link PostmapFailedException} with postmap's own
     * words.
     */
    public void run(String tableType, Path table) {
        List<String> command = new ArrayList<>(List.of(executable()));
        configDirectory.ifPresent(
                directory -> command.addAll(List.of("-c", directory.toAbsolutePath().toString())));
        command.add(tableType + ":" + table.toAbsolutePath());
        Path output = null;
        try {
            output = Files.createTempFile("starttls-list-postmap", ".txt");
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PostmapFailedException(
                        command, -1, "did not finish within " + TIMEOUT_SECONDS + " seconds");
            }
            if (process.exitValue() != 0) {
                throw new PostmapFailedException(
                        command,
                        process.exitValue(),
                        Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new PostmapFailedException(command, -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostmapFailedException(command, -1, "interrupted");
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a stray temporary file is harmless
                }
            }
        }
    }

    private String executable() {
        if (program.contains("/")) {
            return program;
        }
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(":")));
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return Path.of(directory, program).toString();
            }
        }
        return program; // ProcessBuilder's own lookup fails with a message naming it
    }
}
