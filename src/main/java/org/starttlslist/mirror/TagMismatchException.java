package org.starttlslist.mirror;

import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/**
 * A git tag's name claims one list time, and the verified list under it has another. Tag names are
 * not signed; only the list inside is. A tag that lies about its list is refused, so a bogus tag
 * cannot pin mirrors to an old release.
 */
public final class TagMismatchException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant claimed;
    private final Instant actual;

    public TagMismatchException(String origin, Instant claimed, Instant actual) {
        super(
                origin
                        + ": the tag names the list of "
                        + ListTimes.format(claimed)
                        + " but holds the list of "
                        + ListTimes.format(actual)
                        + "; the tag does not belong to that release (ask the maintainers to delete it)");
        this.claimed = claimed;
        this.actual = actual;
    }

    public Instant claimed() {
        return claimed;
    }

    public Instant actual() {
        return actual;
    }
}
