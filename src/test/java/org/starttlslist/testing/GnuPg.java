package org.starttlslist.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The installed GnuPG, run against a temporary home directory (mode 0700) so that a test never
 * reads or changes the user's {@code ~/.gnupg}. Close it to stop the gpg-agent it may have started.
 */
public final class GnuPg implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;
    private static Boolean available;

    /** What a run did: exit code, the {@code [GNUPG:]} status lines, and the rest of its output. */
    public record Result(int exitCode, List<String> status, String stdout, String stderr) {
        public boolean hasStatus(String keyword) {
            return status.stream()
                    .anyMatch(
                            line ->
                                    line.startsWith("[GNUPG:] " + keyword + " ")
                                            || line.equals("[GNUPG:] " + keyword));
        }

        /** The fields of the first status line with this keyword, the keyword excluded. */
        public List<String> statusFields(String keyword) {
            return status.stream()
                    .filter(line -> line.startsWith("[GNUPG:] " + keyword + " "))
                    .findFirst()
                    .map(
                            line ->
                                    Arrays.asList(
                                            line.substring(("[GNUPG:] " + keyword + " ").length())
                                                    .split(" ")))
                    .orElseThrow(() -> new AssertionError("no " + keyword + " status in " + this));
        }
    }

    private final Path home;

    private GnuPg(Path home) {
        this.home = home;
    }

    /** Whether {@code gpg} and {@code gpgv} can be run. */
    public static synchronized boolean isAvailable() {
        if (available == null) {
            available = runs("gpg", "--version") && runs("gpgv", "--version");
        }
        return available;
    }

    /** Skips the calling test, saying why, when GnuPG is not installed. */
    public static void assumeAvailable() {
        assumeTrue(
                isAvailable(),
                "skipped: gpg/gpgv not installed (CI installs gnupg; apt-get install gnupg)");
    }

    /**
     * A fresh GnuPG home inside {@code directory} (use a JUnit {@code @TempDir}); skips when gpg is
     * absent.
     */
    public static GnuPg create(Path directory) {
        assumeAvailable();
        try {
            Path home = directory.resolve("gnupg-home");
            Files.createDirectories(
                    home,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            return new GnuPg(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** {@code gpg --batch} with the status on stdout (fd 1); stdin is {@code input}. */
    public Result gpg(byte[] input, String... args) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "gpg",
                                "--homedir",
                                home.toString(),
                                "--batch",
                                "--no-tty",
                                "--status-fd",
                                "1",
                                "--pinentry-mode",
                                "loopback"));
        command.addAll(List.of(args));
        return run(command, input);
    }

    public Result gpg(String... args) {
        return gpg(new byte[0], args);
    }

    /** {@code gpgv --keyring KEYRING SIG DATA}; the keyring must be binary (dearmored). */
    public Result gpgv(Path keyring, Path signature, Path data) {
        return run(
                List.of(
                        "gpgv",
                        "--homedir",
                        home.toString(),
                        "--status-fd",
                        "1",
                        "--keyring",
                        keyring.toAbsolutePath().toString(),
                        signature.toString(),
                        data.toString()),
                new byte[0]);
    }

    /** Imports an (armoured) key file; fails the test when gpg refuses it. */
    public Result importKey(Path keyFile) {
        Result result = gpg("--import", keyFile.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("gpg --import failed: " + result);
        }
        return result;
    }

    /**
     * Makes an Ed25519 signing key with gpg itself (no passphrase), created at {@link
     * TestKeys#CREATED} so that tests may sign at any later fixed instant; returns its fingerprint.
     */
    public String generateKey(String userId) {
        Result result =
                gpg(
                        "--faked-system-time",
                        TestKeys.CREATED.getEpochSecond() + "!",
                        "--passphrase",
                        "",
                        "--quick-gen-key",
                        userId,
                        "ed25519",
                        "sign",
                        "never");
        if (result.exitCode() != 0) {
            throw new AssertionError("gpg --quick-gen-key failed: " + result);
        }
        return result.statusFields("KEY_CREATED").get(1);
    }

    @Override
    public void close() {
        // The agent lives on after gpg exits; stop it so that no process outlives the test.
        run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"), new byte[0]);
    }

    private static boolean runs(String... command) {
        try {
            return run(List.of(command), new byte[0]).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Result run(List<String> command, byte[] input) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new Result(127, List.of(), "", e.getMessage());
        }
        CompletableFuture<byte[]> stdout =
                CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // The process may not read stdin at all; it has exited or will.
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        command + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            String err = new String(stderr.join(), StandardCharsets.UTF_8);
            List<String> status = out.lines().filter(l -> l.startsWith("[GNUPG:] ")).toList();
            String rest =
                    String.join("\n", out.lines().filter(l -> !l.startsWith("[GNUPG:] ")).toList());
            return new Result(process.exitValue(), status, rest, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
