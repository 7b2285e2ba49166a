package org.starttlslist.build;

import java.util.Locale;
import java.util.TreeSet;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;

/** The canonical form of an inline policy: MX patterns lower case, without duplicates, sorted. */
final class CanonicalPolicies {
    private CanonicalPolicies() {}

    static InlinePolicy inline(InlinePolicy policy) {
        TreeSet<MxPattern> sorted = new TreeSet<>();
        for (MxPattern mx : policy.mxs()) {
            sorted.add(new MxPattern(mx.value().toLowerCase(Locale.ROOT)));
        }
        return new InlinePolicy(policy.mode(), sorted.stream().toList());
    }
}
