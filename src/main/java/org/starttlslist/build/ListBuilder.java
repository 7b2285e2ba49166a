package org.starttlslist.build;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
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
        Merging merging = start(sources, timestamp);
        try {
            merging.makeAllCanonical();
        } catch (NotInOrderException e) {
            merging = merging.sorted();
            merging.makeAllCanonical();
        }
        return merging.finish();
    }

    /**
     * A merge begun: every check that can refuse the list made, the aliases merged and the domains
     * as given; each domain's policy is put in canonical form when asked for ({@link
     * Merging#policy}), on both cores ({@link Merging#makeAllCanonical}).
     *
     * <p>The validator hands the domains over sorted by name, and asking for a policy checks that
     * its domain sorts after the one before (a walk over all the names up front cost 35 ms of a
     * 100,000-domain build, a cache miss per name). When one does not, {@link NotInOrderException}
     * says so, and {@link Merging#sorted} starts again from the domains sorted.
     *
     * @throws ValidityTooShortException see {@link #merge}
     * @throws ExpiryNotAfterTimestampException see {@link #merge}
     */
    static Merging start(SourceSet sources, Instant timestamp) {
        return new Merging(
                frame(sources.settings(), sources.aliases(), timestamp), sources.domains(), true);
    }

    /**
     * The list published at {@code timestamp} without its domains: its times, version, author and
     * aliases, every check that can refuse the list made.
     *
     * @throws ValidityTooShortException see {@link #merge}
     * @throws ExpiryNotAfterTimestampException see {@link #merge}
     * @throws DuplicateSourceException when two aliases have the same name
     */
    static PolicyList frame(
            ListSettings settings, List<AliasSource> aliasSources, Instant timestamp) {
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
        for (AliasSource alias : aliasSources) {
            if (aliases.put(alias.name(), CanonicalPolicies.inline(alias.policy())) != null) {
                throw new DuplicateSourceException("alias", alias.name());
            }
        }
        return new PolicyList(
                published,
                expires,
                settings.version(),
                Optional.of(settings.author()),
                aliases,
                new TreeMap<>());
    }

    /** The domains handed to {@link #start} were not in strictly ascending order of name. */
    static final class NotInOrderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotInOrderException() {
            super("the domains are not sorted by name", null, false, false);
        }
    }

    /** See {@link #start}. */
    static final class Merging {
        private final PolicyList frame;
        private final List<DomainSource> domains;
        private final Policy[] canonical;

        /** Whether the order of {@code domains} is still to be checked, as policies are made. */
        private final boolean orderUnchecked;

        private Merging(PolicyList frame, List<DomainSource> domains, boolean orderUnchecked) {
            this.frame = frame;
            this.domains = domains;
            this.canonical = new Policy[domains.size()];
            this.orderUnchecked = orderUnchecked;
        }

        /**
         * This merge again from the domains sorted by name.
         *
         * @throws DuplicateSourceException when two sources name the same domain
         */
        Merging sorted() {
            SortedMap<String, DomainSource> byName = new TreeMap<>();
            for (DomainSource domain : domains) {
                if (byName.put(domain.domain(), domain) != null) {
                    throw new DuplicateSourceException("domain", domain.domain());
                }
            }
            return new Merging(frame, List.copyOf(byName.values()), false);
        }

        int size() {
            return domains.size();
        }

        String name(int index) {
            return domains.get(index).domain();
        }

        /**
         * The canonical policy of domain {@code index}, made on the first call. Each index is asked
         * for by one thread, and {@link #finish} runs after those threads are joined.
         *
         * @throws NotInOrderException when the domain does not sort after the one before it
         */
        Policy policy(int index) {
            Policy policy = canonical[index];
            if (policy == null) {
                if (orderUnchecked
                        && index > 0
                        && domains.get(index - 1).domain().compareTo(domains.get(index).domain())
                                >= 0) {
                    throw new NotInOrderException();
                }
                policy = canonical(domains.get(index).policy());
                canonical[index] = policy;
            }
            return policy;
        }

        /** Puts every domain's policy in canonical form, on both cores. */
        void makeAllCanonical() {
            IntStream.range(0, canonical.length).parallel().forEach(this::policy);
        }

        /** The merged list; every policy must have been asked for (or be made here). */
        PolicyList finish() {
            List<Map.Entry<String, Policy>> entries = new ArrayList<>(domains.size());
            for (int i = 0; i < domains.size(); i++) {
                entries.add(Map.entry(name(i), policy(i)));
            }
            return new PolicyList(
                    frame.timestamp(),
                    frame.expires(),
                    frame.version(),
                    frame.author(),
                    frame.aliases(),
                    new SortedEntries<>(entries));
        }
    }

    private static Policy canonical(Policy policy) {
        if (policy instanceof InlinePolicy inline) {
            return CanonicalPolicies.inline(inline);
        }
        return (AliasReference) policy;
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
