package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;

/**
 * The members of a published list's {@code "policies"} object in canonical form, written as bytes
 * into an array sized beforehand: the same bytes {@link CanonicalJson} writes for them (its layout
 * at that depth, spelled out), which {@code CanonicalListWriterTest} holds it to. Counting first
 * lets a large list be written once into an array of its exact size, each half by its own thread.
 */
final class DomainBytes {
    private static final byte[] MEMBER = bytes("\n    ");
    private static final byte[] ALIAS_OPEN = bytes(": {\n      \"policy-alias\": ");
    private static final byte[] MODE_OPEN = bytes(": {\n      \"mode\": ");
    private static final byte[] MXS_OPEN = bytes(",\n      \"mxs\": [");
    private static final byte[] MX = bytes("\n        ");
    private static final byte[] MXS_CLOSE = bytes("\n      ]");
    private static final byte[] OBJECT_CLOSE = bytes("\n    }");

    private DomainBytes() {}

    /** The bytes members {@code [from, to)} take, each after a comma unless it is the first. */
    static int size(List<Map.Entry<String, Policy>> policies, int from, int to) {
        long size = 0;
        for (int i = from; i < to; i++) {
            Map.Entry<String, Policy> entry = policies.get(i);
            size += (i > 0 ? 1 : 0) + MEMBER.length + quotedLength(entry.getKey());
            if (entry.getValue() instanceof AliasReference reference) {
                size += ALIAS_OPEN.length + quotedLength(reference.alias());
            } else {
                InlinePolicy inline = CanonicalPolicies.inline((InlinePolicy) entry.getValue());
                size += MODE_OPEN.length + quotedLength(inline.mode().wire()) + MXS_OPEN.length;
                List<MxPattern> mxs = inline.mxs();
                for (int j = 0; j < mxs.size(); j++) {
                    size += (j > 0 ? 1 : 0) + MX.length + quotedLength(mxs.get(j).value());
                }
                size += MXS_CLOSE.length;
            }
            size += OBJECT_CLOSE.length;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("the list is larger than 2 GiB");
        }
        return (int) size;
    }

    /**
     * Writes members {@code [from, to)} into {@code out} from {@code at}; returns where they end.
     */
    static int write(
            List<Map.Entry<String, Policy>> policies, int from, int to, byte[] out, int at) {
        int position = at;
        for (int i = from; i < to; i++) {
            Map.Entry<String, Policy> entry = policies.get(i);
            if (i > 0) {
                out[position++] = ',';
            }
            position = put(out, position, MEMBER);
            position = putQuoted(out, position, entry.getKey());
            if (entry.getValue() instanceof AliasReference reference) {
                position = put(out, position, ALIAS_OPEN);
                position = putQuoted(out, position, reference.alias());
            } else {
                InlinePolicy inline = CanonicalPolicies.inline((InlinePolicy) entry.getValue());
                position = put(out, position, MODE_OPEN);
                position = putQuoted(out, position, inline.mode().wire());
                position = put(out, position, MXS_OPEN);
                List<MxPattern> mxs = inline.mxs();
                for (int j = 0; j < mxs.size(); j++) {
                    if (j > 0) {
                        out[position++] = ',';
                    }
                    position = put(out, position, MX);
                    position = putQuoted(out, position, mxs.get(j).value());
                }
                position = put(out, position, MXS_CLOSE);
            }
            position = put(out, position, OBJECT_CLOSE);
        }
        return position;
    }

    private static int quotedLength(String text) {
        return CanonicalJson.isPlain(text) ? text.length() + 2 : escaped(text).length();
    }

    private static int putQuoted(byte[] out, int at, String text) {
        int position = at;
        if (!CanonicalJson.isPlain(text)) {
            return put(out, position, bytes(escaped(text)));
        }
        out[position++] = '"';
        for (int i = 0; i < text.length(); i++) {
            out[position++] = (byte) text.charAt(i); // printable ASCII: isPlain
        }
        out[position++] = '"';
        return position;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** The quoted, escaped form {@link CanonicalJson} writes; every character of it is ASCII. */
    private static String escaped(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 8);
        CanonicalJson.string(quoted, text);
        return quoted.toString();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
