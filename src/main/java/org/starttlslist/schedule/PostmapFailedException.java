package org.starttlslist.schedule;

import java.util.List;
import org.starttlslist.failure.CouldNotCompleteException;

/** {@code postmap} could not build the lookup table; Postfix keeps the previous one. */
public final class PostmapFailedException extends CouldNotCompleteException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public PostmapFailedException(List<String> command, int exitCode, String output) {
        super(
                "'"
                        + String.join(" ", command)
                        + "' failed"
                        + (exitCode >= 0 ? " (exit " + exitCode + ")" : "")
                        + (output == null || output.isEmpty() ? "" : ": " + output)
                        + "; Postfix keeps the previous table until it succeeds (is Postfix installed, and is the table's directory writable?)");
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
