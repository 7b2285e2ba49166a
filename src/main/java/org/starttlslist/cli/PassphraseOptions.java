package org.starttlslist.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a secret key's passphrase comes from: a file, an environment variable, or typed at the
 * console without echo. Never a command-line argument, which other users can read in the process
 * list. With none of them and no console (a script, a test), the passphrase is empty: right for an
 * unprotected key, and an unprotected key is the only kind that works unattended anyway.
 */
final class PassphraseOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Read the key's passphrase from FILE (one trailing newline is ignored).")
        Path file;

        @Option(names = "--passphrase-env", paramLabel = "VAR",
                description = "Read the key's passphrase from environment variable VAR.")
        String variable;
    }

    /** The passphrase; the caller clears the array when done. */
    char[] read(Path keyFile) {
        if (source != null && source.file != null) {
            return fromFile(source.file);
        }
        if (source != null && source.variable != null) {
            String value = System.getenv(source.variable);
            if (value == null) {
                throw new UsageException("environment variable " + source.variable + " (--passphrase-env) is not set");
            }
            return value.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            return new char[0];
        }
        char[] typed = console.readPassword("Passphrase for %s (empty if none): ", keyFile);
        return typed == null ? new char[0] : typed;
    }

    private static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            char[] passphrase = new char[chars.remaining()];
            chars.get(passphrase);
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } catch (CharacterCodingException e) {
            throw new UsageException("the passphrase file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
