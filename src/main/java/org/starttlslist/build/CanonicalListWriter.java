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

    /** Domains in one piece of a streamed list. */
    static final int CHUNK = 2048;

    /**
     * Writes to {@code channel} the canonical bytes of the list made of {@code frame} (its times,
     * version, author and aliases; its policies are not read) and {@code members} (its domains):
     * the same bytes as {@link #write(PolicyList)}, in pieces of {@code chunk} domains, made from
     * {@code parallelFrom} domains on by two threads in turn, so that the list is never whole in
     * memory.
     *
     * <p>Why ({@code build} of 100,000 domains): the 21 MB array was fresh memory, which this kind
     * of machine pays for by the page, and each domain was read in passes far apart (made
     * canonical, measured, written), each a walk over the whole model with its cache misses. A
     * piece is made canonical, measured and written while its objects are in the cache, and its
     * bytes go to the file while the next piece is made.
     */
    static void write(
            PolicyList frame,
            DomainBytes.Members members,
            WritableByteChannel channel,
            int parallelFrom,
            int chunk)
            throws IOException {
        byte[] head = headWithEmptyPolicies(frame);
        if (members.size() == 0) {
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(head));
            return;
        }
        AtomicFiles.writeFully(channel, ByteBuffer.wrap(head, 0, head.length - EMPTY_END));
        int pieces = (members.size() + chunk - 1) / chunk;
        Piece mine = new Piece(members, chunk);
        if (members.size() < Math.max(2, parallelFrom)) {
            for (int index = 0; index < pieces; index++) {
                AtomicFiles.writeFully(channel, mine.make(index).bytes());
            }
        } else {
            // Even pieces here, odd ones on the common pool, which has two buffers to take turns
            // with: it makes the next piece while this thread writes the one it made before.
            Piece[] theirs = {new Piece(members, chunk), new Piece(members, chunk)};
            ForkJoinTask<Piece> next = submit(theirs[1], 1, pieces);
            for (int even = 0; even < pieces; even += 2) {
                AtomicFiles.writeFully(channel, mine.make(even).bytes());
                if (next != null) {
                    Piece made = next.join();
                    next = submit(theirs[(even / 2) % 2], even + 3, pieces);
                    AtomicFiles.writeFully(channel, made.bytes());
                }
            }
        }
        AtomicFiles.writeFully(channel, ByteBuffer.wrap(TAIL));
    }

    private static ForkJoinTask<Piece> submit(Piece piece, int index, int pieces) {
        return index < pieces ? ForkJoinPool.commonPool().submit(() -> piece.make(index)) : null;
    }

    /** One piece of the "policies" object's members, in a buffer used again for a later one. */
    private static final class Piece {
        private final DomainBytes.Members members;
        private final int chunk;
        private byte[] buffer = new byte[0];
        private int length;

        Piece(DomainBytes.Members members, int chunk) {
            this.members = members;
            this.chunk = chunk;
        }

        Piece make(int index) {
            int from = index * chunk;
            DomainBytes bytes =
                    DomainBytes.measure(members, from, Math.min(members.size(), from + chunk));
            if (buffer.length < bytes.size()) {
                buffer = new byte[bytes.size() + bytes.size() / 4];
            }
            length = bytes.write(buffer, 0);
            if (length != bytes.size()) {
                throw new IllegalStateException("the domains did not fill the bytes counted");
            }
            return this;
        }

        ByteBuffer bytes() {
            return ByteBuffer.wrap(buffer, 0, length);
        }
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
