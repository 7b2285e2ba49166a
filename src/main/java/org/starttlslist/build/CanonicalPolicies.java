package org.starttlslist.build;

import java.util.Arrays;
import java.util.List;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;

/**
 * The canonical form of an inline policy: MX patterns without duplicates, sorted by code point. (An
 * {@link MxPattern} is lower case by construction.) A policy already in that form is returned as
 * is, which is the common case and keeps a 100,000-domain build from copying.
 */
final class CanonicalPolicies {
    private CanonicalPolicies() {}

    static InlinePolicy inline(InlinePolicy policy) {
        List<MxPattern> mxs = sortedUnique(policy.mxs());
        return mxs == policy.mxs() ? policy : new InlinePolicy(policy.mode(), mxs);
    }

    /**
     * MX patterns (as {@link MxPattern}s or as text) in canonical order, repeats dropped: {@code
     * mxs} itself when it is already (as a file written by {@code fmt} is), else a sorted copy. A
     * policy names a handful of patterns: sorted in an array (Arrays.sort is an insertion sort at
     * this size and allocates nothing) and repeats dropped in place, without a TreeSet's node per
     * pattern, for every source not written in canonical order.
     */
    static <T extends Comparable<? super T>> List<T> sortedUnique(List<T> mxs) {
        boolean canonical = true;
        for (int i = 1; i < mxs.size() && canonical; i++) {
            canonical = mxs.get(i - 1).compareTo(mxs.get(i)) < 0;
        }
        if (canonical) {
            return mxs;
        }
        @SuppressWarnings("unchecked")
        T[] sorted = (T[]) mxs.toArray(new Comparable<?>[0]);
        Arrays.sort(sorted);
        int unique = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].compareTo(sorted[unique - 1]) != 0) {
                sorted[unique++] = sorted[i];
            }
        }
        return List.of(Arrays.copyOf(sorted, unique));
    }
}
