package org.starttlslist.build;

import org.starttlslist.model.PolicyList;

/**
 * The canonical bytes of a published list (stated in {@code schema/README.md}).
 *
 * <p>SKELETON: issue #3 implements it; the signature is the contract other features code against.
 */
public final class CanonicalListWriter {
    private CanonicalListWriter() {}

    public static byte[] write(PolicyList list) {
        throw new UnsupportedOperationException("the canonical writer is not implemented yet (issue #3)");
    }
}
