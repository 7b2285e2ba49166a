package org.starttlslist.release;

import org.starttlslist.failure.RejectedException;

/** The release tag is not signed by a maintainer whose key is pinned in the release commit. */
public final class TagNotSignedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String tag;

    public TagNotSignedException(String tag, String why) {
        super(
                "tag "
                        + tag
                        + " is not a release tag signed by a maintainer: "
                        + why
                        + "; delete it (git tag -d "
                        + tag
                        + ") and prepare the release with 'starttls-list release --no-push'."
                        + " Nothing was pushed");
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
