package org.starttlslist.build;

import org.starttlslist.failure.RejectedException;

/** Two sources define the same domain or alias; a list cannot hold both. */
public final class DuplicateSourceException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public DuplicateSourceException(String kind, String name) {
        super(kind + " '" + name + "' is defined by more than one source file; keep one");
        this.kind = kind;
        this.name = name;
    }

    /** {@code "domain"} or {@code "alias"}. */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
