package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.validate.CheckedDomain;
import org.starttlslist.validate.DomainKeeper;

/**
 * Keeps of each domain source what {@code build} writes of it, made on the thread that checked its
 * file: its member of the list's "policies" object in canonical bytes ({@link DomainBytes#member}),
 * and a count of its mode. A 100,000-domain build then keeps 21 MB of bytes instead of 72 MB of
 * objects (each copied once into fresh memory by the collector), puts every policy in canonical
 * form on both cores as the files are checked, and is left with one walk that copies bytes to the
 * file.
 */
final class ListMembers implements DomainKeeper<byte[]> {
    /**
     * Members in the order of their domain names (see {@link #compareNames}); a class of its own,
     * not a method reference, so that the sort's calls reach the comparison in one step.
     */
    static final Comparator<byte[]> BY_NAME = new ByName();

    private static final class ByName implements Comparator<byte[]> {
        @Override
        public int compare(byte[] a, byte[] b) {
            return compareNames(a, b);
        }
    }

    /**
     * Each thread's counts of the domains it kept, summed by {@link #count}: plain fields, where a
     * shared {@code LongAdder} and a concurrent map per domain were ~15 ms of a 100,000-domain run.
     * Read only once every file is checked, after the threads' work was joined.
     */
    private final List<Counts> allCounts = new CopyOnWriteArrayList<>();

    private final ThreadLocal<Counts> counts = ThreadLocal.withInitial(this::newCounts);

    private static final class Counts {
        long enforce;
        long testing;
        final Map<String, long[]> byAlias = new HashMap<>();
    }

    private Counts newCounts() {
        Counts created = new Counts();
        allCounts.add(created);
        return created;
    }

    /**
     * The domain's member bytes, from the text its file was checked to hold: no model objects are
     * made (see {@link CheckedDomain}).
     */
    @Override
    public byte[] keep(CheckedDomain domain) {
        String name = domain.name();
        // A loaded domain is a canonical host name (letters, digits, '-', '.'): nothing to escape,
        // which compareNames relies on.
        if (!CanonicalJson.isPlain(name)) {
            throw new IllegalStateException("not a canonical domain name: " + name);
        }
        String alias = domain.alias();
        Counts count = counts.get();
        if (alias != null) {
            long[] referring = count.byAlias.get(alias);
            if (referring == null) {
                referring = new long[1];
                count.byAlias.put(alias, referring);
            }
            referring[0]++;
            return DomainBytes.member(name, new AliasReference(alias));
        }
        Mode mode = domain.mode();
        if (mode == Mode.ENFORCE) {
            count.enforce++;
        } else {
            count.testing++;
        }
        return DomainBytes.inlineMember(name, mode, CanonicalPolicies.sortedUnique(domain.mxs()));
    }

    @Override
    public Comparator<byte[]> order() {
        return BY_NAME;
    }

    /** In {@link #BY_NAME} order, by {@link MemberSort}. */
    @Override
    public List<byte[]> sorted(List<byte[]> kept) {
        byte[][] members = kept.toArray(new byte[0][]);
        MemberSort.sort(members);
        return Arrays.asList(members);
    }

    /**
     * How many of the kept domains have {@code mode} in effect, those that refer to an alias
     * counted by the alias's mode (as {@link org.starttlslist.model.PolicyList#count} does).
     */
    long count(Mode mode, Map<String, InlinePolicy> aliases) {
        long total = 0;
        for (Counts count : allCounts) {
            total += mode == Mode.ENFORCE ? count.enforce : count.testing;
            for (Map.Entry<String, long[]> referring : count.byAlias.entrySet()) {
                InlinePolicy alias = aliases.get(referring.getKey());
                if (alias != null && alias.mode() == mode) {
                    total += referring.getValue()[0];
                }
            }
        }
        return total;
    }

    /**
     * Compares two members by their domain names, which start at {@link DomainBytes#NAME_AT} and
     * end at the next quote: byte by byte up to the first that differs, the order of {@link
     * String#compareTo} of the names (they are ASCII). A name that is a prefix of another ends
     * first, at its quote, which sorts below every character a name may hold; names that end
     * together are equal. (One walk over the names: finding where each ends first cost a sixth of
     * the sort.)
     */
    static int compareNames(byte[] a, byte[] b) {
        return compareNames(a, b, 0);
    }

    /** {@link #compareNames(byte[], byte[])} of names known to agree on their first bytes. */
    static int compareNames(byte[] a, byte[] b, int from) {
        int limit = Math.min(a.length, b.length);
        for (int i = DomainBytes.NAME_AT + from; i < limit; i++) {
            byte x = a[i];
            byte y = b[i];
            if (x != y) {
                return (x & 0xff) - (y & 0xff);
            }
            if (x == '"') {
                return 0;
            }
        }
        throw new IllegalArgumentException("not the bytes of a list member");
    }

    /** The domain name of a member. */
    static String name(byte[] member) {
        return new String(
                member,
                DomainBytes.NAME_AT,
                nameEnd(member) - DomainBytes.NAME_AT,
                StandardCharsets.US_ASCII);
    }

    private static int nameEnd(byte[] member) {
        for (int i = DomainBytes.NAME_AT; i < member.length; i++) {
            if (member[i] == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("not the bytes of a list member");
    }
}
