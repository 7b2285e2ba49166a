package org.starttlslist.listfile;

import org.starttlslist.failure.RejectedException;

/** A published list that cannot be read as a policy list; {@code pointer} says where. */
public final class MalformedListException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    public MalformedListException(String pointer, String message) {
        super((pointer.isEmpty() ? "" : pointer + ": ") + message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
