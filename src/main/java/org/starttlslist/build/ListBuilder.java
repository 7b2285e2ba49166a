package org.starttlslist.build;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;

/**
 * Merges validated sources into one list: a pure function of the sources, the settings and one
 * instant. It reads no clock, no environment and no file, so the same inputs give the same list
 * in any order and on any machine.
 */
public final class ListBuilder {
    private ListBuilder() {}

    /**
     * The list published at {@code timestamp} (truncated to whole seconds, the published
     * precision), expiring {@code timestamp + validity}.
     *
     * @throws ValidityTooShortException when the configured validity is shorter than the
     *     configured minimum
     * @throws ExpiryNotAfterTimestampException when the list would expire at or before its
     *     timestamp
     * @throws DuplicateSourceException when two sources name the same domain or alias
     */
    public static PolicyList merge(SourceSet sources, Instant timestamp) {
        ListSettings settings = sources.settings();
        Instant published = timestamp.truncatedTo(ChronoUnit.SECONDS);
        Duration validity = settings.validity();
        if (validity.compareTo(settings.minimumValidity()) < 0) {
            throw new ValidityTooShortException(validity, settings.minimumValidity());
        }
        Instant expires = published.plus(validity);
        if (!expires.isAfter(published)) {
            throw new ExpiryNotAfterTimestampException(published, expires);
        }

        SortedMap<String, InlinePolicy> aliases = new TreeMap<>();
        for (AliasSource alias : sources.aliases()) {
            if (aliases.put(alias.name(), CanonicalPolicies.inline(alias.policy())) != null) {
                throw new DuplicateSourceException("alias", alias.name());
            }
        }
        SortedMap<String, Policy> policies = new TreeMap<>();
        for (DomainSource domain : sources.domains()) {
            if (policies.put(domain.domain(), canonical(domain.policy())) != null) {
                throw new DuplicateSourceException("domain", domain.domain());
            }
        }
        return new PolicyList(published, expires, settings.version(), Optional.of(settings.author()),
                aliases, policies);
    }

    private static Policy canonical(Policy policy) {
        if (policy instanceof InlinePolicy inline) {
            return CanonicalPolicies.inline(inline);
        }
        return (AliasReference) policy;
    }
}
