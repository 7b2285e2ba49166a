package org.starttlslist.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole policy list as published: when it was made, when it stops being valid, and the policies.
 * Names are lower case; maps are sorted by code point, the canonical order.
 */
public record PolicyList(
        Instant timestamp,
        Instant expires,
        String version,
        Optional<String> author,
        SortedMap<String, InlinePolicy> aliases,
        SortedMap<String, Policy> policies) {

    /** The only format version there has ever been. */
    public static final String FORMAT_VERSION = "0.1";

    public PolicyList {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(author, "author");
        aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(policies));
    }

    /** The effective policy of a listed domain, aliases followed; empty when not listed. */
    public Optional<InlinePolicy> resolve(String domain) {
        Policy policy = policies.get(domain);
        if (policy == null) {
            return Optional.empty();
        }
        if (policy instanceof AliasReference reference) {
            return Optional.ofNullable(aliases.get(reference.alias()));
        }
        return Optional.of((InlinePolicy) policy);
    }

    /** Every domain with its effective policy; a reference to a missing alias is left out. */
    public SortedMap<String, InlinePolicy> resolvedPolicies() {
        SortedMap<String, InlinePolicy> resolved = new TreeMap<>();
        for (Map.Entry<String, Policy> entry : policies.entrySet()) {
            resolve(entry.getKey()).ifPresent(policy -> resolved.put(entry.getKey(), policy));
        }
        return resolved;
    }

    /**
     * How many domains have {@code mode} in effect (as in {@link #resolvedPolicies()}, without
     * building it).
     */
    public long count(Mode mode) {
        long count = 0;
        for (Policy policy : policies.values()) {
            InlinePolicy inline =
                    policy instanceof AliasReference reference
                            ? aliases.get(reference.alias())
                            : (InlinePolicy) policy;
            if (inline != null && inline.mode() == mode) {
                count++;
            }
        }
        return count;
    }
}
