package org.starttlslist.build;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * instant. It reads no clock, no environment and no file, so the same inputs give the same list in
 * any order and on any machine.
 */
public final class ListBuilder {
    private ListBuilder() {}

    /**
     * The list published at {@code timestamp} (truncated to whole seconds, the published
     * precision), expiring {@code timestamp + validity}.
     *
     * @throws ValidityTooShortException when the configured validity is shorter than the configured
     *     minimum
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
        SortedMap<String, Policy> policies;
        if (strictlyAscending(sources.domains())) {
            // The validator hands the domains over sorted: no tree insertions, one linear copy.
            // Sorting each domain's MX patterns is the work here; on both cores, in order.
            List<Map.Entry<String, Policy>> entries =
                    sources.domains().parallelStream()
                            .map(domain -> Map.entry(domain.domain(), canonical(domain.policy())))
                            .toList();
            policies = new SortedEntries<>(entries);
        } else {
            policies = new TreeMap<>();
            for (DomainSource domain : sources.domains()) {
                if (policies.put(domain.domain(), canonical(domain.policy())) != null) {
                    throw new DuplicateSourceException("domain", domain.domain());
                }
            }
        }
        return new PolicyList(
                published,
                expires,
                settings.version(),
                Optional.of(settings.author()),
                aliases,
                policies);
    }

    private static Policy canonical(Policy policy) {
        if (policy instanceof InlinePolicy inline) {
            return CanonicalPolicies.inline(inline);
        }
        return (AliasReference) policy;
    }

    /** True when each domain sorts after the one before it (so there are no duplicates either). */
    private static boolean strictlyAscending(List<DomainSource> domains) {
        for (int i = 1; i < domains.size(); i++) {
            if (domains.get(i - 1).domain().compareTo(domains.get(i).domain()) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Entries already in ascending key order, as a sorted map that {@link
     * TreeMap#TreeMap(SortedMap)} (which {@link PolicyList} calls) copies in linear time. Only what
     * that copy reads is there.
     */
    // SortedMap, not NavigableMap: TreeMap's linear-time copy constructor takes a SortedMap.
    @SuppressWarnings("JdkObsolete")
    private static final class SortedEntries<V> extends AbstractMap<String, V>
            implements SortedMap<String, V> {
        private final List<Map.Entry<String, V>> entries;

        SortedEntries(List<Map.Entry<String, V>> entries) {
            this.entries = entries;
        }

        @Override
        public Comparator<? super String> comparator() {
            return null; // natural order, like a TreeMap made without a comparator
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, V>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public SortedMap<String, V> subMap(String fromKey, String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, V> headMap(String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, V> tailMap(String fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String firstKey() {
            return entries.get(0).getKey();
        }

        @Override
        public String lastKey() {
            return entries.get(entries.size() - 1).getKey();
        }
    }
}
