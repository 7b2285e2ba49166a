package org.starttlslist.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Option;

/**
 * Where a passphrase comes from: a file, an environment variable, or the terminal (without echo).
 * Never from the command line, where other users see it in the process list, and never printed.
 */
final class PassphraseOptions {
    @Option(
            names = "--passphrase-file",
            paramLabel = "FILE",
            description = "Read the passphrase from the first line of FILE.")
    Path file;

    @Option(
            names = "--passphrase-env",
            paramLabel = "VAR",
            description = "Read the passphrase from environment variable VAR.")
    String variable;

    /** The passphrase; asks on the terminal ({@code confirm}: twice) when no option is given. */
    char[] read(String prompt, boolean confirm) {
        if (file != null && variable != null) {
            throw new UsageException("give either --passphrase-file or --passphrase-env, not both");
        }
        if (file != null) {
            return fromFile(file);
        }
        if (variable != null) {
            String value = System.getenv(variable);
            if (value == null) {
                throw new UsageException(
                        "--passphrase-env " + variable + ": the environment variable is not set");
            }
            return value.toCharArray();
        }
        Console console = System.console();
        if (!isTerminal(console)) {
            throw new UsageException(
                    "no passphrase: pass --passphrase-file FILE or --passphrase-env VAR"
                            + " (there is no terminal to ask on)");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null) {
            throw new UsageException("no passphrase was entered");
        }
        if (confirm) {
            char[] second = console.readPassword("%s (again): ", prompt);
            if (second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the two passphrases differ; run the command again");
            }
            Arrays.fill(second, '\0');
        }
        return first;
    }

    private static char[] fromFile(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read --passphrase-file " + path + ": " + e);
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
        char[] passphrase = new char[chars.remaining()];
        chars.get(passphrase);
        Arrays.fill(bytes, (byte) 0);
        return passphrase;
    }

    /**
     * Whether there is a terminal to talk to. Up to JDK 21 {@code System.console()} is null without
     * one; from JDK 22 it returns a console anyway, and {@code Console.isTerminal()} (not in the
     * Java 17 API this is compiled against) tells.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
