package org.starttlslist.export.senders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Running the MTAs' command-line tools and preparing files their unprivileged users read. */
final class Commands {
    private Commands() {}

    record Result(int exitCode, String output) {}

    /**
     * Runs {@code command} with {@code input} on stdin; fails the test if it takes over two
     * minutes.
     */
    static Result run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String runOrFail(List<String> command, String input) {
        Result result = run(command, input);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command)
                            + " exited with "
                            + result.exitCode()
                            + ": "
                            + result.output());
        }
        return result.output();
    }

    /**
     * The MTAs' daemons run as their own users: every directory from the temporary directory down
     * to {@code dir} must let them through, and {@code dir} itself must be readable.
     */
    static void openToDaemons(Path dir) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path p = dir.toAbsolutePath();
                    p != null && p.startsWith(tmp) && !p.equals(tmp);
                    p = p.getParent()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                mode.add(PosixFilePermission.OTHERS_EXECUTE);
                mode.add(PosixFilePermission.GROUP_EXECUTE);
                if (p.equals(dir.toAbsolutePath())) {
                    mode.add(PosixFilePermission.OTHERS_READ);
                    mode.add(PosixFilePermission.GROUP_READ);
                }
                Files.setPosixFilePermissions(p, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code file} in {@code dir}, readable by all (CA certificates, policy files). */
    static Path readableCopy(Path file, Path dir) {
        try {
            Path copy = dir.resolve(file.getFileName());
            Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(
                    copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
