package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** A release tag names one list forever; we never move it. */
public final class TagExistsException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String tag;

    public TagExistsException(String tag) {
        super(
                "tag '"
                        + tag
                        + "' already exists; a release tag is never moved, release at a later time");
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
