package org.starttlslist.demo;

import java.nio.file.Path;
import org.starttlslist.failure.RejectedException;

/** The demo directory holds something the demo did not make; the demo never deletes that. */
public final class DemoDirectoryInUseException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    public DemoDirectoryInUseException(Path directory) {
        super(
                directory
                        + " exists, is not empty and was not made by 'starttls-list demo' (no "
                        + Demo.MARKER
                        + " in it); pass another --dir or remove it yourself");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
