package org.starttlslist.settings;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** A settings file that does not parse, or names a setting the command does not have. */
public final class MalformedSettingsException extends RejectedException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    public MalformedSettingsException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
