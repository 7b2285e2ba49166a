package org.starttlslist.model;

import java.util.Objects;

/**
 * A domain that uses the shared policy named {@code alias} in the list's {@code policy-aliases}.
 */
public record AliasReference(String alias) implements Policy {
    public AliasReference {
        Objects.requireNonNull(alias, "alias");
    }
}
