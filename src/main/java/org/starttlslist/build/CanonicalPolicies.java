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
        if (isSortedAndUnique(policy.mxs())) {
            return policy;
        }
        // A policy names a handful of patterns: sorted in an array (Arrays.sort is an insertion
        // sort at this size and allocates nothing) and repeats dropped in place, without a
        // TreeSet's node per pattern, for every source not written in canonical order.
        MxPattern[] mxs = policy.mxs().toArray(new MxPattern[0]);
        Arrays.sort(mxs);
        int unique = 1;
        for (int i = 1; i < mxs.length; i++) {
            if (!mxs[i].equals(mxs[unique - 1])) {
                mxs[unique++] = mxs[i];
            }
        }
        return new InlinePolicy(policy.mode(), List.of(Arrays.copyOf(mxs, unique)));
    }

    /**
     * MX patterns as text in canonical order, repeats dropped: {@code mxs} itself when it is
     * already (as a file written by {@code fmt} is), else a sorted copy.
     */
    static List<String> sortedUnique(List<String> mxs) {
        boolean canonical = true;
        for (int i = 1; i < mxs.size() && canonical; i++) {
            canonical = mxs.get(i - 1).compareTo(mxs.get(i)) < 0;
        }
        if (canonical) {
            return mxs;
        }
        String[] sorted = mxs.toArray(new String[0]);
        Arrays.sort(sorted);
        int unique = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (!sorted[i].equals(sorted[unique - 1])) {
                sorted[unique++] = sorted[i];
            }
        }
        return List.of(Arrays.copyOf(sorted, unique));
    }

    static boolean isSortedAndUnique(List<MxPattern> mxs) {
        for (int i = 1; i < mxs.size(); i++) {
            if (mxs.get(i - 1).value().compareTo(mxs.get(i).value()) >= 0) {
                return false;
            }
        }
        return true;
    }
}
