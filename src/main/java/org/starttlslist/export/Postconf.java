package org.starttlslist.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks Postfix's {@code postconf} for a parameter's value; empty when postconf is missing or fails.
 */
public record Postconf(Optional<Path> configDirectory) {
    private static final List<String> DIRECTORIES =
            List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin");

    /** The options that select the configuration directory, ready to put after "postconf ". */
    public String options() {
        return configDirectory.map(d -> "-c " + d.toAbsolutePath() + " ").orElse("");
    }

    public Optional<String> value(String parameter) {
        Optional<String> program = program();
        if (program.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(program.get(), "-h"));
        configDirectory.ifPresent(
                d -> command.addAll(List.of("-c", d.toAbsolutePath().toString())));
        command.add(parameter);
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> program() {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(":")));
        }
        directories.addAll(DIRECTORIES);
        for (String directory : directories) {
            Path candidate = directory.isEmpty() ? null : Path.of(directory, "postconf");
            if (candidate != null && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
