package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
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
        boolean inOneBuilder = list.policies().size() < Math.max(2, parallelFrom);
        CanonicalJson json =
                new CanonicalJson(
                        1024
                                + BYTES_PER_DOMAIN
                                        * (list.aliases().size()
                                                + (inOneBuilder ? list.policies().size() : 0)));
        json.beginObject();
        json.key("timestamp").stringValue(ListTimes.format(list.timestamp()));
        json.key("expires").stringValue(ListTimes.format(list.expires()));
        json.key("version").stringValue(list.version());
        list.author().ifPresent(author -> json.key("author").stringValue(author));
        // The model's maps are sorted by name already; iterating them keeps that order.
        json.key("policy-aliases").beginObject();
        list.aliases().forEach((name, policy) -> inline(json.key(name), policy));
        json.endObject();
        List<Map.Entry<String, Policy>> policies = new ArrayList<>(list.policies().entrySet());
        if (inOneBuilder) {
            json.key("policies").beginObject();
            policies.forEach(entry -> policy(json.key(entry.getKey()), entry.getValue()));
            json.endObject();
            json.endObject();
            return json.finish();
        }
        // A large list: everything before the domains as above (with "policies" still empty, it
        // ends in "{}\n}\n"), then the domains straight into one array of the exact size, each
        // half on its own core. A StringBuilder that grows, its copy into a String and that
        // String's bytes came to five times the list's size in fresh memory, which this machine
        // pays for by the page; now the list's bytes are touched once.
        json.key("policies").beginObject().endObject();
        json.endObject();
        byte[] head = json.finish();
        int headLength = head.length - "}\n}\n".length();
        int middle = policies.size() / 2;
        ForkJoinTask<Integer> secondSize =
                ForkJoinPool.commonPool()
                        .submit(() -> DomainBytes.size(policies, middle, policies.size()));
        int firstSize = DomainBytes.size(policies, 0, middle);
        long total = (long) headLength + firstSize + secondSize.join() + TAIL.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("the list is larger than 2 GiB");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(head, 0, out, 0, headLength);
        int secondStart = headLength + firstSize;
        ForkJoinTask<Integer> secondHalf =
                ForkJoinPool.commonPool()
                        .submit(
                                () ->
                                        DomainBytes.write(
                                                policies,
                                                middle,
                                                policies.size(),
                                                out,
                                                secondStart));
        int end = DomainBytes.write(policies, 0, middle, out, headLength);
        if (end != secondStart || secondHalf.join() != out.length - TAIL.length) {
            throw new IllegalStateException("the domains did not fill the bytes counted for them");
        }
        System.arraycopy(TAIL, 0, out, out.length - TAIL.length, TAIL.length);
        return out;
    }

    /** What closes a non-empty "policies" object and the document. */
    private static final byte[] TAIL = "\n  }\n}\n".getBytes(StandardCharsets.US_ASCII);

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
