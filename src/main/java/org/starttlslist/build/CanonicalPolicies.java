package org.starttlslist.build;

import java.util.List;
import java.util.TreeSet;
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
        return new InlinePolicy(policy.mode(), List.copyOf(new TreeSet<>(policy.mxs())));
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
