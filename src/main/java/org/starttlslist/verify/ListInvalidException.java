package org.starttlslist.verify;

import org.starttlslist.failure.RejectedException;

/** Step 4: the signed bytes are not a valid published list (not UTF-8 JSON, duplicate keys, schema). */
public final class ListInvalidException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    public ListInvalidException(String pointer, String detail) {
        super("the list is signed but invalid" + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + detail
                + "; the publisher must fix and re-sign it");
        this.pointer = pointer;
    }

    /** JSON pointer of the problem, empty for the whole document. */
    public String pointer() {
        return pointer;
    }
}
