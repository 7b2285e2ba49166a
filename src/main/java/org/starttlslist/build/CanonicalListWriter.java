package org.starttlslist.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.starttlslist.files.AtomicFiles;
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
        List<Map.Entry<String, Policy>> policies = new ArrayList<>(list.policies().entrySet());
        if (policies.size() < Math.max(2, parallelFrom)) {
            CanonicalJson json = upToPolicies(list, policies.size());
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
        byte[] head = headWithEmptyPolicies(list);
        int headLength = head.length - EMPTY_END;
        DomainBytes.Members members = DomainBytes.Members.of(list);
        int middle = policies.size() / 2;
        ForkJoinTask<DomainBytes> secondHalf =
                ForkJoinPool.commonPool()
                        .submit(() -> DomainBytes.measure(members, middle, policies.size()));
        DomainBytes firstHalf = DomainBytes.measure(members, 0, middle);
        DomainBytes second = secondHalf.join();
        long total = (long) headLength + firstHalf.size() + second.size() + TAIL.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("the list is larger than 2 GiB");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(head, 0, out, 0, headLength);
        int secondStart = headLength + firstHalf.size();
        ForkJoinTask<Integer> secondWritten =
                ForkJoinPool.commonPool().submit(() -> second.write(out, secondStart));
        int end = firstHalf.write(out, headLength);
        if (end != secondStart || secondWritten.join() != out.length - TAIL.length) {
            throw new IllegalStateException("the domains did not fill the bytes counted for them");
        }
        System.arraycopy(TAIL, 0, out, out.length - TAIL.length, TAIL.length);
        return out;
    }

    /**
     * What the members are gathered in before they go to the file: a direct buffer, which a file
     * channel writes from as it is (from a heap buffer it first copies each write into a direct
     * buffer of its own: 21 MB copied twice for a 100,000-domain list).
     */
    private static final int WRITE_BUFFER = 256 * 1024;

    /**
     * Writes to {@code channel} the canonical bytes of the list made of {@code frame} (its times,
     * version, author and aliases; its policies are not read) and {@code members}, the bytes of its
     * domains ({@link DomainBytes#member}) sorted by name: the same bytes as {@link
     * #write(PolicyList)} gives the whole list.
     *
     * @throws DuplicateSourceException when two members name the same domain
     * @throws IllegalArgumentException when the members are not sorted by name
     */
    static void write(PolicyList frame, List<byte[]> members, WritableByteChannel channel)
            throws IOException {
        byte[] head = headWithEmptyPolicies(frame);
        if (members.isEmpty()) {
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(head));
            return;
        }
        ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BUFFER);
        out.put(head, 0, head.length - EMPTY_END);
        for (int from = 0; from < members.size(); from += CHUNK) {
            writeMembers(members, from, Math.min(from + CHUNK, members.size()), out, channel);
        }
        put(out, TAIL, channel);
        AtomicFiles.writeFully(channel, out.flip());
    }

    /**
     * Members per call of {@link #writeMembers}. Why calls, not one loop: this runs once per run,
     * and the JIT compiles a method after ~100 calls but a loop only after ~30,000 turns in the
     * interpreter (with the launcher's C1 thresholds); in one loop a third of 100,000 members were
     * copied by the interpreter, half the time of writing the list.
     */
    private static final int CHUNK = 64;

    /** Members {@code [from, to)}, each after a comma unless it is the first of all. */
    private static void writeMembers(
            List<byte[]> members, int from, int to, ByteBuffer out, WritableByteChannel channel)
            throws IOException {
        byte[] previous = from == 0 ? null : members.get(from - 1);
        for (int i = from; i < to; i++) {
            byte[] member = members.get(i);
            if (previous != null) {
                int order = ListMembers.compareNames(previous, member);
                if (order == 0) {
                    throw new DuplicateSourceException("domain", ListMembers.name(member));
                }
                if (order > 0) {
                    throw new IllegalArgumentException(
                            "the domains are not sorted by name: "
                                    + ListMembers.name(member)
                                    + " after "
                                    + ListMembers.name(previous));
                }
                put(out, COMMA, channel);
            }
            put(out, member, channel);
            previous = member;
        }
    }

    private static final byte[] COMMA = {','};

    /** Adds {@code bytes} to {@code out}, first writing out what it holds when they do not fit. */
    private static void put(ByteBuffer out, byte[] bytes, WritableByteChannel channel)
            throws IOException {
        if (out.remaining() < bytes.length) {
            AtomicFiles.writeFully(channel, out.flip());
            out.clear();
            if (bytes.length > out.capacity()) {
                AtomicFiles.writeFully(channel, ByteBuffer.wrap(bytes));
                return;
            }
        }
        out.put(bytes);
    }

    /** The document up to its "policies" member, in a builder sized for {@code domains} more. */
    private static CanonicalJson upToPolicies(PolicyList list, int domains) {
        CanonicalJson json =
                new CanonicalJson(1024 + BYTES_PER_DOMAIN * (list.aliases().size() + domains));
        json.beginObject();
        json.key("timestamp").stringValue(ListTimes.format(list.timestamp()));
        json.key("expires").stringValue(ListTimes.format(list.expires()));
        json.key("version").stringValue(list.version());
        list.author().ifPresent(author -> json.key("author").stringValue(author));
        // The model's maps are sorted by name already; iterating them keeps that order.
        json.key("policy-aliases").beginObject();
        list.aliases().forEach((name, policy) -> inline(json.key(name), policy));
        json.endObject();
        return json;
    }

    /** The whole document with an empty "policies" object: ends in {@code "{}\n}\n"}. */
    private static byte[] headWithEmptyPolicies(PolicyList list) {
        CanonicalJson json = upToPolicies(list, 0);
        json.key("policies").beginObject().endObject();
        json.endObject();
        return json.finish();
    }

    /** What ends a document whose "policies" object is empty. */
    private static final int EMPTY_END = "}\n}\n".length();

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
