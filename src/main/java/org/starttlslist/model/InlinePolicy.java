package org.starttlslist.model;

import java.util.List;
import java.util.Objects;

/** A mode and the MX patterns a domain's mail servers must match; {@code mxs} keeps its order. */
public record InlinePolicy(Mode mode, List<MxPattern> mxs) implements Policy {
    public InlinePolicy {
        Objects.requireNonNull(mode, "mode");
        mxs = List.copyOf(mxs);
        if (mxs.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one MX pattern");
        }
    }
}
