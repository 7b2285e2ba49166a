package org.starttlslist.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

/**
 * The canonical bytes of a published list, as {@code package-info.java} and {@code
 * schema/README.md} state them. Any list, however it was made, is written in canonical form: MX
 * patterns are sorted and de-duplicated here too, not only by {@link ListBuilder}.
 */
public final class CanonicalListWriter {
    /** About the bytes one domain takes in a typical list; only sizes the buffer. */
    private static final int BYTES_PER_DOMAIN = 160;

    /** Below this many domains, writing them on two threads costs more than it saves. */
    static final int PARALLEL_FROM = 4096;

    private CanonicalListWriter() {}

    public static byte[] write(PolicyList list) {
        return write(list, PARALLEL_FROM);
    }

    /** {@link #write(PolicyList)}, on two threads from {@code parallelFrom} domains on. */
    static byte[] write(PolicyList list, int parallelFrom) {
        CanonicalJson json =
                new CanonicalJson(
                        1024 + BYTES_PER_DOMAIN * (list.policies().size() + list.aliases().size()));
        json.beginObject();
        json.key("timestamp").stringValue(ListTimes.format(list.timestamp()));
        json.key("expires").stringValue(ListTimes.format(list.expires()));
        json.key("version").stringValue(list.version());
        list.author().ifPresent(author -> json.key("author").stringValue(author));
        // The model's maps are sorted by name already; iterating them keeps that order.
        json.key("policy-aliases").beginObject();
        list.aliases().forEach((name, policy) -> inline(json.key(name), policy));
        json.endObject();
        json.key("policies").beginObject();
        List<Map.Entry<String, Policy>> policies = new ArrayList<>(list.policies().entrySet());
        if (policies.size() < Math.max(2, parallelFrom)) {
            policies.forEach(entry -> policy(json.key(entry.getKey()), entry.getValue()));
        } else {
            // The larger half of a build's own work: the second half of the domains is written
            // on another core, into a fragment appended after the first half.
            int middle = policies.size() / 2;
            CanonicalJson second = json.continuation(true, BYTES_PER_DOMAIN * middle);
            ForkJoinTask<?> secondHalf =
                    ForkJoinPool.commonPool()
                            .submit(
                                    () ->
                                            policies.subList(middle, policies.size())
                                                    .forEach(
                                                            entry ->
                                                                    policy(
                                                                            second.key(
                                                                                    entry.getKey()),
                                                                            entry.getValue())));
            policies.subList(0, middle)
                    .forEach(entry -> policy(json.key(entry.getKey()), entry.getValue()));
            secondHalf.join();
            json.append(second, policies.size() - middle);
        }
        json.endObject();
        json.endObject();
        return json.finish();
    }

    private static void policy(CanonicalJson json, Policy policy) {
        if (policy instanceof AliasReference reference) {
            json.beginObject().key("policy-alias").stringValue(reference.alias()).endObject();
        } else {
            inline(json, (InlinePolicy) policy);
        }
    }

    private static void inline(CanonicalJson json, InlinePolicy policy) {
        json.beginObject().key("mode").stringValue(policy.mode().wire()).key("mxs").beginArray();
        for (MxPattern mx : CanonicalPolicies.inline(policy).mxs()) {
            json.stringElement(mx.value());
        }
        json.endArray().endObject();
    }

    /** An inline policy as an ordered tree, for the source writer. */
    static Map<String, Object> inlineTree(InlinePolicy policy) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("mode", policy.mode().wire());
        object.put(
                "mxs",
                CanonicalPolicies.inline(policy).mxs().stream().map(MxPattern::value).toList());
        return object;
    }
}
