package org.starttlslist.validate;

import java.util.Objects;

/**
 * One problem in one file.
 *
 * @param code stable, dotted identifier ({@code mx.pattern.invalid}); tools and docs key on it
 * @param severity error or warning
 * @param file the file, relative to the repository root, with '/'
 * @param line 1-based line of the offending value (1 when the whole file is at fault)
 * @param column 1-based column of the offending value
 * @param pointer RFC 6901 JSON pointer to the value ({@code ""} for the whole document)
 * @param message what is wrong and how to fix it, one sentence
 */
public record Finding(
        String code,
        Severity severity,
        String file,
        int line,
        int column,
        String pointer,
        String message) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(
            String code, String file, int line, int column, String pointer, String message) {
        return new Finding(code, Severity.ERROR, file, line, column, pointer, message);
    }

    public static Finding warning(
            String code, String file, int line, int column, String pointer, String message) {
        return new Finding(code, Severity.WARNING, file, line, column, pointer, message);
    }
}
