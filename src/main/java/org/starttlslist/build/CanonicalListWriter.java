package org.starttlslist.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

/**
 * The canonical bytes of a published list, as {@code package-info.java} and
 * {@code schema/README.md} state them. Any list, however it was made, is written in canonical
 * form: MX patterns are sorted and de-duplicated here too, not only by {@link ListBuilder}.
 */
public final class CanonicalListWriter {
    private CanonicalListWriter() {}

    public static byte[] write(PolicyList list) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timestamp", ListTimes.format(list.timestamp()));
        root.put("expires", ListTimes.format(list.expires()));
        root.put("version", list.version());
        list.author().ifPresent(author -> root.put("author", author));
        Map<String, Object> aliases = new LinkedHashMap<>();
        // The model's maps are sorted by name already; iterating them keeps that order.
        list.aliases().forEach((name, policy) -> aliases.put(name, inline(policy)));
        root.put("policy-aliases", aliases);
        Map<String, Object> policies = new LinkedHashMap<>();
        list.policies().forEach((domain, policy) -> policies.put(domain, policy(policy)));
        root.put("policies", policies);
        return CanonicalJson.toBytes(root);
    }

    private static Object policy(Policy policy) {
        if (policy instanceof AliasReference reference) {
            return Map.of("policy-alias", reference.alias());
        }
        return inline((InlinePolicy) policy);
    }

    static Map<String, Object> inline(InlinePolicy policy) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("mode", policy.mode().wire());
        object.put("mxs", mxs(policy));
        return object;
    }

    static List<String> mxs(InlinePolicy policy) {
        List<MxPattern> canonical = CanonicalPolicies.inline(policy).mxs();
        List<String> mxs = new ArrayList<>(canonical.size());
        for (MxPattern mx : canonical) {
            mxs.add(mx.value());
        }
        return mxs;
    }
}
