package org.starttlslist.verify;

import org.starttlslist.failure.Printable;
import org.starttlslist.failure.RejectedException;

/**
 * Step 4: the signed bytes are not a usable published list (not UTF-8 JSON, duplicate keys, schema,
 * alias references).
 */
public final class ListInvalidException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final String detail;

    public ListInvalidException(String pointer, String detail) {
        super(
                "the list is signed but invalid"
                        + (pointer.isEmpty() ? "" : " at " + Printable.escape(pointer))
                        + ": "
                        + Printable.escape(detail)
                        + "; the publisher must fix and re-sign it");
        this.pointer = pointer;
        this.detail = detail;
    }

    /** What is wrong, without the pointer. */
    public String detail() {
        return detail;
    }

    /** JSON pointer of the problem, empty for the whole document. */
    public String pointer() {
        return pointer;
    }
}
