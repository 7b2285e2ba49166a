package org.starttlslist.importer;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/** The import was refused before anything was written: the list or the target is not acceptable. */
public final class ImportRefusedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final List<String> names;

    public ImportRefusedException(String message, List<String> names) {
        super(message);
        this.names = List.copyOf(names);
    }

    /** The domains, aliases or files the refusal is about. */
    public List<String> names() {
        return names;
    }
}
