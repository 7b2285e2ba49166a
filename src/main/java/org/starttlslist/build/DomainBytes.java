package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

/**
 * Members {@code [from, to)} of a published list's {@code "policies"} object in canonical form,
 * measured first and then written as bytes into an array sized from the measures: the same bytes
 * {@link CanonicalJson} writes for them (its layout at that depth, spelled out), which {@code
 * CanonicalListWriterTest} holds it to. Measuring first lets a large list be written once into an
 * array of its exact size, each half by its own thread.
 *
 * <p>What measuring learns is kept for writing, so each domain's policy is put in canonical form
 * and each name checked for characters to escape once, not once per pass.
 */
final class DomainBytes {
    private static final byte[] MEMBER = bytes("\n    ");
    private static final byte[] ALIAS_OPEN = bytes(": {\n      \"policy-alias\": ");
    private static final byte[] MODE_OPEN = bytes(": {\n      \"mode\": ");
    private static final byte[] MXS_OPEN = bytes(",\n      \"mxs\": [");
    private static final byte[] MX = bytes("\n        ");
    private static final byte[] MXS_CLOSE = bytes("\n      ]");
    private static final byte[] OBJECT_CLOSE = bytes("\n    }");

    /** The members of a "policies" object, by index, in order. */
    interface Members {
        int size();

        String name(int index);

        /** The member's policy: an alias reference, or an inline policy in canonical form. */
        Policy policy(int index);

        /** The members of a list's "policies" object, put in canonical form as they are read. */
        static Members of(PolicyList list) {
            List<Map.Entry<String, Policy>> entries = new ArrayList<>(list.policies().entrySet());
            return new Members() {
                @Override
                public int size() {
                    return entries.size();
                }

                @Override
                public String name(int index) {
                    return entries.get(index).getKey();
                }

                @Override
                public Policy policy(int index) {
                    Policy policy = entries.get(index).getValue();
                    return policy instanceof InlinePolicy inline
                            ? CanonicalPolicies.inline(inline)
                            : policy;
                }
            };
        }
    }

    private final Members members;
    private final int from;
    private final int to;

    /** Each member's policy, as {@link Members#policy} gave it. */
    private final Policy[] canonical;

    /**
     * The quoted and escaped form of each domain name, and of each alias referred to, that needs
     * escaping, by member; null where none does. Both are host names as a rule, so the tables are
     * made only for a list that breaks it.
     */
    private String[] escapedDomains;

    private String[] escapedAliases;

    private final int size;

    private DomainBytes(Members members, int from, int to) {
        this.members = members;
        this.from = from;
        this.to = to;
        this.canonical = new Policy[to - from];
        long total = 0;
        for (int i = from; i < to; i++) {
            String name = members.name(i);
            Policy policy = members.policy(i);
            canonical[i - from] = policy;
            String domain = escapedOrNull(name);
            if (domain != null) {
                escapedDomains = remember(escapedDomains, i, domain);
            }
            total += (i > 0 ? 1 : 0) + MEMBER.length + quotedLength(name, domain);
            if (policy instanceof AliasReference reference) {
                String alias = escapedOrNull(reference.alias());
                if (alias != null) {
                    escapedAliases = remember(escapedAliases, i, alias);
                }
                total += ALIAS_OPEN.length + quotedLength(reference.alias(), alias);
            } else {
                InlinePolicy inline = (InlinePolicy) policy;
                total += MODE_OPEN.length + quotedMode(inline.mode()).length + MXS_OPEN.length;
                List<MxPattern> mxs = inline.mxs();
                for (int j = 0; j < mxs.size(); j++) {
                    // An MxPattern is a host name or a dot and one (MxPattern's constructor
                    // checks): letters, digits, '-' and '.', never anything to escape.
                    total += (j > 0 ? 1 : 0) + MX.length + mxs.get(j).value().length() + 2;
                }
                total += MXS_CLOSE.length;
            }
            total += OBJECT_CLOSE.length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("the list is larger than 2 GiB");
        }
        this.size = (int) total;
    }

    /**
     * The bytes of one member, {@code name} with its canonical {@code policy}, as the first of a
     * "policies" object (no comma before it): {@code \n "name": {...}}. A list's members are these
     * joined by commas ({@link CanonicalListWriter#write(PolicyList, List,
     * java.nio.channels.WritableByteChannel)}).
     */
    static byte[] member(String name, Policy policy) {
        DomainBytes bytes =
                new DomainBytes(
                        new Members() {
                            @Override
                            public int size() {
                                return 1;
                            }

                            @Override
                            public String name(int index) {
                                return name;
                            }

                            @Override
                            public Policy policy(int index) {
                                return policy;
                            }
                        },
                        0,
                        1);
        byte[] out = new byte[bytes.size()];
        if (bytes.write(out, 0) != out.length) {
            throw new IllegalStateException("the member did not fill the bytes counted for it");
        }
        return out;
    }

    /**
     * {@link #member} of a domain with its own policy, from text: {@code name} and each of {@code
     * mxs} plain host names or MX patterns (nothing to escape), {@code mxs} in canonical order. The
     * same bytes, without a model object or a measuring pass (DomainBytesTest compares them).
     */
    static byte[] inlineMember(String name, Mode mode, List<String> mxs) {
        byte[] quotedMode = quotedMode(mode);
        int size =
                MEMBER.length
                        + name.length()
                        + 2
                        + MODE_OPEN.length
                        + quotedMode.length
                        + MXS_OPEN.length
                        + MXS_CLOSE.length
                        + OBJECT_CLOSE.length;
        for (int j = 0; j < mxs.size(); j++) {
            size += (j > 0 ? 1 : 0) + MX.length + mxs.get(j).length() + 2;
        }
        byte[] out = new byte[size];
        int position = put(out, 0, MEMBER);
        position = putPlain(out, position, name);
        position = put(out, position, MODE_OPEN);
        position = put(out, position, quotedMode);
        position = put(out, position, MXS_OPEN);
        for (int j = 0; j < mxs.size(); j++) {
            if (j > 0) {
                out[position++] = ',';
            }
            position = put(out, position, MX);
            position = putPlain(out, position, mxs.get(j));
        }
        position = put(out, position, MXS_CLOSE);
        position = put(out, position, OBJECT_CLOSE);
        if (position != size) {
            throw new IllegalStateException("the member did not fill the bytes counted for it");
        }
        return out;
    }

    /** Where the name starts in the bytes of a {@link #member}: after the indent and a quote. */
    static final int NAME_AT = MEMBER.length + 1;

    /** Measures members {@code [from, to)}, each after a comma unless it is the first. */
    static DomainBytes measure(Members members, int from, int to) {
        return new DomainBytes(members, from, to);
    }

    /** The bytes the members take. */
    int size() {
        return size;
    }

    /** Writes the members into {@code out} from {@code at}; returns where they end. */
    int write(byte[] out, int at) {
        int position = at;
        for (int i = from; i < to; i++) {
            if (i > 0) {
                out[position++] = ',';
            }
            position = put(out, position, MEMBER);
            position = putQuoted(out, position, members.name(i), escapedDomains, i);
            Policy policy = canonical[i - from];
            if (policy instanceof AliasReference reference) {
                position = put(out, position, ALIAS_OPEN);
                position = putQuoted(out, position, reference.alias(), escapedAliases, i);
            } else {
                InlinePolicy inline = (InlinePolicy) policy;
                position = put(out, position, MODE_OPEN);
                position = put(out, position, quotedMode(inline.mode()));
                position = put(out, position, MXS_OPEN);
                List<MxPattern> mxs = inline.mxs();
                for (int j = 0; j < mxs.size(); j++) {
                    if (j > 0) {
                        out[position++] = ',';
                    }
                    position = put(out, position, MX);
                    position = putPlain(out, position, mxs.get(j).value());
                }
                position = put(out, position, MXS_CLOSE);
            }
            position = put(out, position, OBJECT_CLOSE);
        }
        return position;
    }

    private String[] remember(String[] table, int member, String quoted) {
        String[] result = table == null ? new String[to - from] : table;
        result[member - from] = quoted;
        return result;
    }

    /** The quoted, escaped form of {@code text}, or null when it has nothing to escape. */
    private static String escapedOrNull(String text) {
        return CanonicalJson.isPlain(text) ? null : escaped(text);
    }

    private static int quotedLength(String text, String escaped) {
        return escaped == null ? text.length() + 2 : escaped.length();
    }

    private int putQuoted(byte[] out, int at, String text, String[] escapedTable, int member) {
        String quoted = escapedTable == null ? null : escapedTable[member - from];
        return quoted == null ? putPlain(out, at, text) : put(out, at, bytes(quoted));
    }

    /** {@code text}, which has nothing to escape (printable ASCII), in quotes. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): see below
    private static int putPlain(byte[] out, int at, String text) {
        out[at] = '"';
        // The low byte of each char, which for printable ASCII is the char: one array copy for a
        // Latin-1 string, where a loop over charAt took most of the time of writing a list.
        text.getBytes(0, text.length(), out, at + 1);
        out[at + 1 + text.length()] = '"';
        return at + text.length() + 2;
    }

    private static final byte[] ENFORCE = bytes("\"" + Mode.ENFORCE.wire() + "\"");
    private static final byte[] TESTING = bytes("\"" + Mode.TESTING.wire() + "\"");

    private static byte[] quotedMode(Mode mode) {
        return switch (mode) {
            case ENFORCE -> ENFORCE;
            case TESTING -> TESTING;
        };
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
