package org.starttlslist.export;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** The list parses but cannot be turned into MTA configuration; {@code pointer} says where. */
public final class UnusableListException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Path file;
    private final String pointer;

    public UnusableListException(Path file, String pointer, String message) {
        super(file + ": " + pointer + ": " + message + "; nothing was written");
        this.file = file;
        this.pointer = pointer;
    }

    public Path file() {
        return file;
    }

    public String pointer() {
        return pointer;
    }
}
