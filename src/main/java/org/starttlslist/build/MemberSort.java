package org.starttlslist.build;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

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
        sort(members, new byte[members.length][], 0, members.length, 0, true);
    }

    /**
     * At least this many members before the buckets of the first split are shared with a second
     * thread: the sort runs after every file is checked, with the second core idle.
     */
    private static final int TWO_THREADS = 8192;

    /**
     * Sorts {@code members[lo, hi)}, whose names agree on their first {@code depth} bytes; the
     * buckets of its first split on two threads when {@code split} and there are enough of them.
     */
    private static void sort(
            byte[][] members, byte[][] aux, int lo, int hi, int depth, boolean split) {
        // Names agree on ever longer prefixes as this descends; a loop rather than recursion
        // for the bucket that holds every member (a prefix all the names share, like "acme-").
        while (true) {
            if (hi - lo < SMALL) {
                insertion(members, lo, hi, depth);
                return;
            }
            int[] starts = new int[RADIX + 1];
            for (int from = lo; from < hi; from += CHUNK) {
                count(members, from, Math.min(from + CHUNK, hi), depth, starts);
            }
            for (int k = 0; k < RADIX; k++) {
                starts[k + 1] += starts[k];
            }
            if (starts[1] == 0 && onlyOneBucket(starts, hi - lo)) {
                depth++;
                continue;
            }
            // Arrays.copyOf, not clone(): C1 calls into the VM for every clone (~20 ms of a sort of
            // 100,000 members, one per split), but copies an array inline.
            int[] next = Arrays.copyOf(starts, starts.length);
            for (int from = lo; from < hi; from += CHUNK) {
                distribute(members, aux, lo, from, Math.min(from + CHUNK, hi), depth, next);
            }
            System.arraycopy(aux, lo, members, lo, hi - lo);
            // Bucket 0 holds names that end here: equal so far and complete, so equal; the rest
            // are sorted on their next byte, those up to about half the members on another thread.
            int half = 1;
            if (split && hi - lo >= TWO_THREADS) {
                while (half < RADIX && starts[half + 1] < (hi - lo) / 2) {
                    half++;
                }
            }
            ForkJoinTask<?> other =
                    half == 1
                            ? null
                            : ForkJoinPool.commonPool()
                                    .submit(new Buckets(members, aux, lo, starts, 1, half, depth));
            buckets(members, aux, lo, starts, half, RADIX, depth);
            if (other != null) {
                other.join();
            }
            return;
        }
    }

    /**
     * Members per call of {@link #count} and {@link #distribute}. The first split's loops run once
     * over all the members: as loops they ran in the interpreter for ~30,000 turns before the JIT
     * compiled them; as methods called per chunk they are compiled after ~100 calls.
     */
    private static final int CHUNK = 128;

    /** Adds the members {@code [from, to)} to the bucket sizes, at {@code starts[key + 1]}. */
    private static void count(byte[][] members, int from, int to, int depth, int[] starts) {
        for (int i = from; i < to; i++) {
            starts[key(members[i], depth) + 1]++;
        }
    }

    /** Moves the members {@code [from, to)} to their buckets' next places in {@code aux}. */
    private static void distribute(
            byte[][] members, byte[][] aux, int lo, int from, int to, int depth, int[] next) {
        for (int i = from; i < to; i++) {
            aux[lo + next[key(members[i], depth)]++] = members[i];
        }
    }

    /**
     * {@link #buckets} as a task for the other thread: a class, not a lambda, which would be made
     * at run time on the first sort large enough to share (the class-data archive's training list
     * is smaller), ~6 ms of method handles.
     */
    private record Buckets(
            byte[][] members, byte[][] aux, int lo, int[] starts, int first, int end, int depth)
            implements Runnable {
        @Override
        public void run() {
            buckets(members, aux, lo, starts, first, end, depth);
        }
    }

    /** Sorts buckets {@code [first, end)} of a split of the members from {@code lo}. */
    private static void buckets(
            byte[][] members, byte[][] aux, int lo, int[] starts, int first, int end, int depth) {
        for (int k = first; k < end; k++) {
            int from = lo + starts[k];
            int to = lo + starts[k + 1];
            if (to - from > 1) {
                sort(members, aux, from, to, depth + 1, false);
            }
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
