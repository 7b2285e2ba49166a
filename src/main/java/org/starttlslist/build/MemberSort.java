package org.starttlslist.build;

/**
 * Sorts list members ({@link DomainBytes#member}) by domain name, as {@link ListMembers#BY_NAME}
 * orders them, with a most-significant-byte-first radix sort on the names' bytes in place.
 *
 * <p>Why not {@link java.util.Arrays#sort} with the comparator: 100,000 members took ~100 ms on one
 * thread, a third of what {@code build} spends beyond {@code validate}. Each of the ~1.7 million
 * comparisons walked the names' shared prefix again, byte by byte, in C1-compiled code (the
 * launcher stops at C1: the JIT's second compiler costs a short run more than it gains). A radix
 * sort reads each name's bytes about once: ~10 ms.
 */
final class MemberSort {
    /** Below this many members a range is sorted by insertion, comparing the rest of the names. */
    private static final int SMALL = 24;

    /** The byte values a name holds, plus one for its end (the quote), which sorts first. */
    private static final int RADIX = 257;

    private MemberSort() {}

    static void sort(byte[][] members) {
        if (members.length < 2) {
            return;
        }
        sort(members, new byte[members.length][], 0, members.length, 0);
    }

    /** Sorts {@code members[lo, hi)}, whose names agree on their first {@code depth} bytes. */
    private static void sort(byte[][] members, byte[][] aux, int lo, int hi, int depth) {
        // Names agree on ever longer prefixes as this descends; a loop rather than recursion
        // for the bucket that holds every member (a prefix all the names share, like "acme-").
        while (true) {
            if (hi - lo < SMALL) {
                insertion(members, lo, hi, depth);
                return;
            }
            int[] starts = new int[RADIX + 1];
            for (int i = lo; i < hi; i++) {
                starts[key(members[i], depth) + 1]++;
            }
            for (int k = 0; k < RADIX; k++) {
                starts[k + 1] += starts[k];
            }
            if (starts[1] == 0 && onlyOneBucket(starts, hi - lo)) {
                depth++;
                continue;
            }
            int[] next = starts.clone();
            for (int i = lo; i < hi; i++) {
                aux[lo + next[key(members[i], depth)]++] = members[i];
            }
            System.arraycopy(aux, lo, members, lo, hi - lo);
            // Bucket 0 holds names that end here: equal so far and complete, so equal; the rest
            // are sorted on their next byte.
            for (int k = 1; k < RADIX; k++) {
                int from = lo + starts[k];
                int to = lo + starts[k + 1];
                if (to - from > 1) {
                    sort(members, aux, from, to, depth + 1);
                }
            }
            return;
        }
    }

    private static boolean onlyOneBucket(int[] starts, int size) {
        for (int k = 1; k <= RADIX; k++) {
            if (starts[k] == size) {
                return true;
            }
            if (starts[k] != 0) {
                return false;
            }
        }
        return false;
    }

    /** The name's byte at {@code depth} plus one, or 0 where the name has ended. */
    private static int key(byte[] member, int depth) {
        byte b = member[DomainBytes.NAME_AT + depth];
        return b == '"' ? 0 : (b & 0xff) + 1;
    }

    private static void insertion(byte[][] members, int lo, int hi, int depth) {
        for (int i = lo + 1; i < hi; i++) {
            byte[] member = members[i];
            int j = i;
            while (j > lo && ListMembers.compareNames(members[j - 1], member, depth) > 0) {
                members[j] = members[j - 1];
                j--;
            }
            members[j] = member;
        }
    }
}
