package org.starttlslist.build;

import java.time.Instant;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.SourceSet;

/**
 * Merges validated sources into one list: a pure function of the sources, the settings and one
 * instant.
 *
 * <p>SKELETON: issue #3 implements it; the signature is the contract other features code against.
 */
public final class ListBuilder {
    private ListBuilder() {}

    /** The list published at {@code timestamp}, expiring {@code timestamp + validity}. */
    public static PolicyList merge(SourceSet sources, Instant timestamp) {
        throw new UnsupportedOperationException("build is not implemented yet (issue #3)");
    }
}
