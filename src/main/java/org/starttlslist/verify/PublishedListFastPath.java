package org.starttlslist.verify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

/**
 * One streaming pass over a published list that proves what the slow path ({@link
 * UsableList#readBySchema}: strict parse into a tree, host-name case folding, the published-list
 * schema through networknt, then {@code PolicyListParser}) would conclude, and builds the same
 * model on the way.
 *
 * <p>Why: on a 100,000-domain list the tree, the schema engine's walk and the second walk of the
 * parser cost several seconds and hundreds of megabytes on every {@code verify}, {@code mirror} and
 * {@code export}. This pass reads each byte once, checks names on the bytes and copies each kept
 * name once into its String: no tokenizer, no intermediate text (see {@link Scanner}).
 *
 * <p>It is one-sided on purpose: a list comes back only when it is ASCII, strict JSON, satisfies
 * every rule of {@code schema/policy-list.schema.json} and every rule of the parser, and needs no
 * case folding. Anything else (a stray field, a number where a string belongs, an upper-case MX
 * name, a duplicate key, an odd instant) answers empty, and the caller runs the slow path, which
 * then refuses or accepts in its usual words. So accept/reject and the reason are the same with or
 * without this class; {@code PublishedListFastPathTest} holds it to that on a corpus of broken
 * lists and on generated mutations. Keep it in step with the schema.
 */
final class PublishedListFastPath {
    /** The schema's {@code $defs/instant} string pattern, verbatim (two values per list). */
    private static final Pattern INSTANT =
            Pattern.compile(
                    "^(?:[1-9]\\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(?:Z|[+-][01]\\d:[0-5]\\d)$");

    /** A small list of ours, never input: what {@link #warmUp} reads. */
    private static final byte[] WARM_UP =
            ("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"expires\":1767830400,\"version\":\"0.1\","
                            + "\"author\":\"w\",\"policy-aliases\":{\"h\":{\"mode\":\"enforce\","
                            + "\"mxs\":[\".mx.h.example\"]}},\"policies\":{\"a.example\":{\"policy-alias\":"
                            + "\"h\"},\"b.example\":{\"mode\":\"testing\",\"mxs\":[\"mx.b.example\","
                            + "\".b.example\"]}}}")
                    .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] POLICY_ALIAS = ascii("policy-alias");
    private static final byte[] MODE = ascii("mode");
    private static final byte[] MXS = ascii("mxs");
    private static final byte[] ENFORCE = ascii("enforce");
    private static final byte[] TESTING = ascii("testing");

    /** Schema {@code $defs/domain} maxLength. */
    private static final int MAX_DOMAIN = 253;

    /** Schema {@code $defs/mxPattern} maxLength. */
    private static final int MAX_MX = 254;

    /**
     * Thrown inside the pass when the slow path must decide; never escapes this class. No stack
     * trace: it is a verdict, not an error.
     */
    private static final class NotProven extends Exception {
        private static final long serialVersionUID = 1L;

        NotProven() {
            super(null, null, false, false);
        }
    }

    private PublishedListFastPath() {}

    /** The list these bytes hold when the pass proves it; empty when the slow path must decide. */
    static Optional<PolicyList> read(byte[] list) {
        if (!asciiWithoutNul(list)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Scanner(list, false).list());
        } catch (NotProven | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What {@link #read} would prove, counted instead of kept: the same checks, and those of {@link
     * UsableList#requireUsable} (canonical domains, alias references resolved), on the bytes in
     * place, so a 100,000-domain list costs no model (about 50 MB of fresh memory and a garbage
     * collection that copies it). Narrower still than {@link #read}: an escaped domain or MX name,
     * an alias referred to before {@code policy-aliases} is read, or more than 8 MX names in one
     * policy are left to the caller, which then reads the list in full.
     */
    static Optional<ListSummary> summarize(byte[] list) {
        if (!asciiWithoutNul(list)) {
            return Optional.empty();
        }
        try {
            Scanner scanner = new Scanner(list, true);
            PolicyList head = scanner.list();
            return Optional.of(
                    new ListSummary(
                            head.timestamp(),
                            head.expires(),
                            scanner.domains,
                            scanner.enforce,
                            scanner.testing));
        } catch (NotProven | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Loads and runs this pass once on a small constant list of our own, so that a verifier can
     * have the second core do it while the first checks the signature: the bytes being verified
     * still reach no parser before their signature is checked.
     */
    static PolicyList warmUp() {
        PolicyList list = null;
        for (int i = 0; i < 200; i++) { // enough runs for the JIT to compile the hot loops
            list =
                    read(WARM_UP)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "the warm-up list no longer reads"));
            ListSummary unused =
                    summarize(WARM_UP)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "the warm-up list no longer counts"));
        }
        return list;
    }

    /**
     * The pass itself, straight over the bytes (ASCII, checked before): JSON as RFC 8259 and
     * Jackson's strict reading define it, restricted to the one shape a published list has. A
     * tokenizer such as Jackson's turns every name and value into a String first (over a Reader, as
     * char arrays, when its name table is off); here a domain or MX name is checked on the bytes
     * and copied once, straight into the String the model keeps, and the field names of 100,000
     * policy objects are compared in place. Anything outside that shape, or anything a strict
     * reader would refuse (a control character in a string, a bad escape, a leading zero, a
     * trailing comma, a comment, trailing text), is not proven: the slow path decides and words it.
     */
    private static final class Scanner {
        /**
         * Longer strings are left to the slow path: no name in a list comes near, and Jackson's own
         * caps (50,000 characters for a name) then decide in its usual words.
         */
        private static final int MAX_STRING = 1024;

        private final byte[] bytes;
        private int pos;

        /** The last string read: {@code bytes[start, end)}, or {@code decoded} when escaped. */
        private int start;

        private int end;
        private String decoded;

        /** Count the policies instead of keeping them ({@link #summarize}). */
        private final boolean countOnly;

        /** The policies counted, in count mode; by the mode in effect. */
        long domains;

        long enforce;
        long testing;

        /** Count mode: the start and end of each MX name of the current policy. */
        private final int[] mxStarts = new int[MAX_COUNTED_MXS];

        private final int[] mxEnds = new int[MAX_COUNTED_MXS];

        /** Model mode: the MX names {@link #fields} read last. */
        private List<MxPattern> keptMxs;

        Scanner(byte[] bytes, boolean countOnly) {
            this.bytes = bytes;
            this.countOnly = countOnly;
        }

        PolicyList list() throws NotProven {
            expectByte('{');
            Instant timestamp = null;
            Instant expires = null;
            String version = null;
            String author = null;
            SortedMap<String, InlinePolicy> aliases = null;
            SortedMap<String, Policy> policies = null;
            if (!closes('}')) {
                do {
                    string();
                    String name = text();
                    expectByte(':');
                    switch (name) {
                        case "timestamp" -> {
                            expect(timestamp == null);
                            timestamp = instant();
                        }
                        case "expires" -> {
                            expect(expires == null);
                            expires = instant();
                        }
                        case "version" -> {
                            expect(version == null);
                            string();
                            version = text();
                            expect(PolicyList.FORMAT_VERSION.equals(version));
                        }
                        case "author" -> {
                            expect(author == null);
                            string();
                            author = text();
                        }
                        case "policy-aliases" -> {
                            expect(aliases == null);
                            aliases = aliases();
                        }
                        case "policies" -> {
                            expect(policies == null);
                            policies = countOnly ? countPolicies(aliases) : policies();
                        }
                        default -> throw new NotProven(); // pinsets, unknown fields: the schema
                    }
                } while (comma());
                expectByte('}');
            }
            skipWhitespace();
            expect(pos == bytes.length); // one document, nothing after it
            expect(
                    timestamp != null
                            && expires != null
                            && version != null
                            && aliases != null
                            && policies != null);
            return new PolicyList(
                    timestamp, expires, version, Optional.ofNullable(author), aliases, policies);
        }

        private Instant instant() throws NotProven {
            skipWhitespace();
            Optional<Instant> instant;
            if (pos < bytes.length && bytes[pos] == '"') {
                string();
                String text = text();
                expect(INSTANT.matcher(text).matches());
                instant = ListTimes.parse(text);
            } else {
                instant = ListTimes.fromEpochSeconds(epochSeconds());
            }
            expect(instant.isPresent());
            return instant.get();
        }

        /**
         * A non-negative integer of at most 18 digits (a long, as Jackson reads it), with no
         * leading zero, fraction or exponent: anything else is not proven.
         */
        private long epochSeconds() throws NotProven {
            int from = pos;
            long value = 0;
            while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
                value = value * 10 + (bytes[pos] - '0');
                pos++;
            }
            int digits = pos - from;
            expect(digits >= 1 && digits <= 18 && (digits == 1 || bytes[from] != '0'));
            expect(
                    pos == bytes.length
                            || (bytes[pos] != '.' && bytes[pos] != 'e' && bytes[pos] != 'E'));
            return value;
        }

        private SortedMap<String, InlinePolicy> aliases() throws NotProven {
            expectByte('{');
            SortedMap<String, InlinePolicy> aliases = new TreeMap<>();
            if (closes('}')) {
                return aliases;
            }
            do {
                string();
                String name = text();
                expect(!name.isEmpty());
                expectByte(':');
                expectByte('{');
                string();
                expect(aliases.put(name, definition()) == null);
            } while (comma());
            expectByte('}');
            return aliases;
        }

        private SortedMap<String, Policy> policies() throws NotProven {
            expectByte('{');
            SortedMap<String, Policy> policies = new TreeMap<>();
            if (closes('}')) {
                return policies;
            }
            do {
                string();
                expect(isSchemaName(false, MAX_DOMAIN));
                String domain = text();
                expectByte(':');
                expectByte('{');
                string();
                Policy policy;
                if (is(POLICY_ALIAS)) {
                    expectByte(':');
                    string();
                    String alias = text();
                    expect(!alias.isEmpty());
                    expectByte('}');
                    policy = new AliasReference(alias);
                } else {
                    policy = definition();
                }
                expect(policies.put(domain, policy) == null);
            } while (comma());
            expectByte('}');
            return policies;
        }

        /**
         * Count mode: the checks of {@link #policies} and {@link UsableList#requireUsable} on each
         * policy, which is then counted by its mode in effect and dropped. Duplicate domains are
         * found by a set of positions in the bytes. Answers an empty map (the list's policies are
         * not kept).
         */
        private SortedMap<String, Policy> countPolicies(SortedMap<String, InlinePolicy> aliases)
                throws NotProven {
            expect(aliases != null); // references are resolved as they come
            AliasTable aliasTable = new AliasTable(aliases);
            DomainSet seen = new DomainSet(bytes);
            expectByte('{');
            if (!closes('}')) {
                do {
                    string();
                    expect(
                            decoded == null
                                    && PublishedListFastPath.isSchemaName(
                                            bytes, start, end, false, MAX_DOMAIN)
                                    && HostNames.isWellFormed(bytes, start, end)
                                    && seen.add(start, end));
                    expectByte(':');
                    expectByte('{');
                    string();
                    Mode mode;
                    if (is(POLICY_ALIAS)) {
                        expectByte(':');
                        string();
                        InlinePolicy target =
                                decoded != null
                                        ? aliases.get(decoded)
                                        : aliasTable.find(bytes, start, end);
                        expect(target != null); // unknown or empty: the full read says so
                        expectByte('}');
                        mode = target.mode();
                    } else {
                        mode = checkedDefinition();
                    }
                    domains++;
                    if (mode == Mode.ENFORCE) {
                        enforce++;
                    } else {
                        testing++;
                    }
                } while (comma());
                expectByte('}');
            }
            return new TreeMap<>();
        }

        /** Count mode: {@link #definition}'s checks, answering only the mode. */
        private Mode checkedDefinition() throws NotProven {
            return fields(false);
        }

        /**
         * Count mode: {@link #mxs}'s checks (the schema's pattern, {@link MxPattern}'s rules, no
         * name twice) on the bytes.
         */
        private void checkMxs() throws NotProven {
            expectByte('[');
            expect(!closes(']'));
            int count = 0;
            do {
                string();
                expect(
                        decoded == null
                                && count < MAX_COUNTED_MXS
                                && PublishedListFastPath.isSchemaName(
                                        bytes, start, end, true, MAX_MX));
                // MxPattern.problem: the name after a suffix's leading dot is a canonical name.
                expect(HostNames.isWellFormed(bytes, bytes[start] == '.' ? start + 1 : start, end));
                for (int i = 0; i < count; i++) {
                    expect(!Arrays.equals(bytes, mxStarts[i], mxEnds[i], bytes, start, end));
                }
                mxStarts[count] = start;
                mxEnds[count] = end;
                count++;
            } while (comma());
            expectByte(']');
        }

        /** A policy object's fields up to its closing brace; its first field name was just read. */
        private InlinePolicy definition() throws NotProven {
            Mode mode = fields(true);
            return new InlinePolicy(mode, keptMxs);
        }

        /**
         * A policy object's fields up to its closing brace, both modes: the mode it names, and its
         * MX names checked ({@link #checkMxs}) or, with {@code keepMxs}, read into {@link
         * #keptMxs}.
         */
        private Mode fields(boolean keepMxs) throws NotProven {
            Mode mode = null;
            boolean mxs = false;
            while (true) {
                if (is(MODE)) {
                    expect(mode == null);
                    expectByte(':');
                    string();
                    if (is(ENFORCE)) {
                        mode = Mode.ENFORCE;
                    } else if (is(TESTING)) {
                        mode = Mode.TESTING;
                    } else {
                        throw new NotProven();
                    }
                } else if (is(MXS)) {
                    expect(!mxs);
                    expectByte(':');
                    if (keepMxs) {
                        keptMxs = mxs();
                    } else {
                        checkMxs();
                    }
                    mxs = true;
                } else {
                    throw new NotProven(); // policy-alias among others, unknown fields
                }
                if (!comma()) {
                    break;
                }
                string();
            }
            expectByte('}');
            expect(mode != null && mxs);
            return mode;
        }

        private List<MxPattern> mxs() throws NotProven {
            expectByte('[');
            List<MxPattern> mxs = new ArrayList<>(4);
            expect(!closes(']'));
            do {
                string();
                expect(isSchemaName(true, MAX_MX));
                mxs.add(new MxPattern(text())); // its own rules; IllegalArgumentException
            } while (comma());
            expectByte(']');
            expect(unique(mxs));
            return mxs;
        }

        /** Reads a JSON string; its text is then {@link #text()}. */
        private void string() throws NotProven {
            expectByte('"');
            start = pos;
            decoded = null;
            int limit = Math.min(bytes.length, start + MAX_STRING + 1);
            for (int i = start; i < limit; i++) {
                byte b = bytes[i];
                if (b == '"') {
                    end = i;
                    pos = i + 1;
                    return;
                }
                if (b == '\\') {
                    unescape(i);
                    return;
                }
                expect(b >= 0x20); // a raw control character: not JSON
            }
            throw new NotProven(); // unterminated, or longer than MAX_STRING
        }

        /** The rest of a string with escapes, from {@code bytes[from]} (a backslash) on. */
        private void unescape(int from) throws NotProven {
            StringBuilder text = new StringBuilder();
            text.append(new String(bytes, start, from - start, StandardCharsets.ISO_8859_1));
            int i = from;
            while (true) {
                expect(i < bytes.length && text.length() <= MAX_STRING);
                byte b = bytes[i++];
                if (b == '"') {
                    break;
                }
                expect(b >= 0x20);
                if (b != '\\') {
                    text.append((char) b);
                    continue;
                }
                expect(i < bytes.length);
                byte e = bytes[i++];
                switch (e) {
                    case '"', '\\', '/' -> text.append((char) e);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        expect(i + 4 <= bytes.length);
                        int c = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(bytes[i++], 16);
                            expect(digit >= 0);
                            c = c * 16 + digit;
                        }
                        // Surrogates (pairs or lone halves): left to the slow path.
                        expect(!Character.isSurrogate((char) c));
                        text.append((char) c);
                    }
                    default -> throw new NotProven();
                }
            }
            expect(text.length() <= MAX_STRING);
            decoded = text.toString();
            pos = i;
        }

        /** The last string's text. */
        private String text() {
            return decoded != null
                    ? decoded
                    : new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }

        /** Whether the last string's text is {@code ascii}, compared in place. */
        private boolean is(byte[] ascii) {
            if (decoded != null) {
                return decoded.equals(new String(ascii, StandardCharsets.ISO_8859_1));
            }
            return Arrays.equals(bytes, start, end, ascii, 0, ascii.length);
        }

        /** {@link PublishedListFastPath#isSchemaName} on the last string. */
        private boolean isSchemaName(boolean leadingDot, int maxLength) {
            if (decoded != null) {
                return PublishedListFastPath.isSchemaName(decoded, leadingDot, maxLength);
            }
            return PublishedListFastPath.isSchemaName(bytes, start, end, leadingDot, maxLength);
        }

        private void skipWhitespace() {
            while (pos < bytes.length) {
                byte b = bytes[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return;
                }
                pos++;
            }
        }

        private void expectByte(char c) throws NotProven {
            skipWhitespace();
            expect(pos < bytes.length && bytes[pos] == c);
            pos++;
        }

        /** Whether the next byte closes the container just opened (then consumed). */
        private boolean closes(char c) {
            skipWhitespace();
            if (pos < bytes.length && bytes[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** Whether a comma follows (then consumed): another member or element. */
        private boolean comma() {
            return closes(',');
        }
    }

    private static boolean unique(List<MxPattern> mxs) {
        if (mxs.size() <= 8) {
            for (int i = 0; i < mxs.size(); i++) {
                for (int j = i + 1; j < mxs.size(); j++) {
                    if (mxs.get(i).value().equals(mxs.get(j).value())) {
                        return false;
                    }
                }
            }
            return true;
        }
        Set<String> seen = new HashSet<>();
        for (MxPattern mx : mxs) {
            if (!seen.add(mx.value())) {
                return false;
            }
        }
        return true;
    }

    /** Count mode: more MX names in one policy are left to the full read. */
    private static final int MAX_COUNTED_MXS = 8;

    /** The aliases of a list, found by the bytes of a reference without making it a String. */
    private static final class AliasTable {
        private final byte[][] names;
        private final InlinePolicy[] policies;

        AliasTable(SortedMap<String, InlinePolicy> aliases) {
            List<byte[]> asciiNames = new ArrayList<>();
            List<InlinePolicy> targets = new ArrayList<>();
            aliases.forEach(
                    (name, policy) -> {
                        // A name beyond ASCII cannot equal an unescaped reference's bytes.
                        if (name.chars().allMatch(c -> c < 0x80)) {
                            asciiNames.add(name.getBytes(StandardCharsets.US_ASCII));
                            targets.add(policy);
                        }
                    });
            names = asciiNames.toArray(new byte[0][]);
            policies = targets.toArray(new InlinePolicy[0]);
        }

        /** The alias named by {@code bytes[from, to)}; null when there is none. */
        InlinePolicy find(byte[] bytes, int from, int to) {
            for (int i = 0; i < names.length; i++) {
                if (Arrays.equals(names[i], 0, names[i].length, bytes, from, to)) {
                    return policies[i];
                }
            }
            return null;
        }
    }

    /**
     * The domains seen so far, as positions in the list's bytes (open addressing over two int
     * arrays, a few MB for a million names): no String per domain.
     */
    private static final class DomainSet {
        private final byte[] bytes;
        private int[] starts = new int[1 << 10];
        private int[] ends = new int[1 << 10];
        private int size;

        DomainSet(byte[] bytes) {
            this.bytes = bytes;
            Arrays.fill(starts, -1);
        }

        /** False when the name {@code bytes[from, to)} was added before. */
        boolean add(int from, int to) {
            if (2 * (size + 1) > starts.length) {
                grow();
            }
            int mask = starts.length - 1;
            for (int slot = hash(from, to) & mask; ; slot = (slot + 1) & mask) {
                if (starts[slot] < 0) {
                    starts[slot] = from;
                    ends[slot] = to;
                    size++;
                    return true;
                }
                if (Arrays.equals(bytes, starts[slot], ends[slot], bytes, from, to)) {
                    return false;
                }
            }
        }

        private void grow() {
            int[] oldStarts = starts;
            int[] oldEnds = ends;
            starts = new int[oldStarts.length * 2];
            ends = new int[oldStarts.length * 2];
            Arrays.fill(starts, -1);
            int mask = starts.length - 1;
            for (int i = 0; i < oldStarts.length; i++) {
                if (oldStarts[i] >= 0) {
                    int slot = hash(oldStarts[i], oldEnds[i]) & mask;
                    while (starts[slot] >= 0) {
                        slot = (slot + 1) & mask;
                    }
                    starts[slot] = oldStarts[i];
                    ends[slot] = oldEnds[i];
                }
            }
        }

        private int hash(int from, int to) {
            int h = 0x811c9dc5;
            for (int i = from; i < to; i++) {
                h = (h ^ bytes[i]) * 0x01000193;
            }
            return h ^ (h >>> 16);
        }
    }

    /**
     * Exactly the schema's name pattern {@code ^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+
     * ([a-z]{2,63}|xn--[a-z0-9-]{1,59})$} (the leading dot only when {@code leadingDot}) and its
     * maxLength; {@code PublishedListFastPathTest} compares the two on generated names.
     */
    static boolean isSchemaName(String name, boolean leadingDot, int maxLength) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false; // never in the pattern
            }
        }
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        return isSchemaName(ascii, 0, ascii.length, leadingDot, maxLength);
    }

    /** {@link #isSchemaName(String, boolean, int)} on the ASCII text {@code bytes[from, to)}. */
    static boolean isSchemaName(byte[] bytes, int from, int to, boolean leadingDot, int maxLength) {
        int length = to - from;
        if (length > maxLength) {
            return false;
        }
        int first = leadingDot && length > 0 && bytes[from] == '.' ? from + 1 : from;
        int lastDot = -1;
        for (int i = to - 1; i >= first; i--) {
            if (bytes[i] == '.') {
                lastDot = i;
                break;
            }
        }
        if (lastDot < first) {
            return false; // a single label
        }
        int labelStart = first;
        for (int i = first; i <= lastDot; i++) {
            byte c = bytes[i];
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1
                        || labelLength > 63
                        || bytes[labelStart] == '-'
                        || bytes[i - 1] == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!isLowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return isLastLabel(bytes, lastDot + 1, to);
    }

    private static boolean isLastLabel(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length >= 5
                && length <= 63
                && bytes[from] == 'x'
                && bytes[from + 1] == 'n'
                && bytes[from + 2] == '-'
                && bytes[from + 3] == '-') {
            for (int i = from + 4; i < to; i++) {
                byte c = bytes[i];
                if (!isLowerAlnum(c) && c != '-') {
                    return false;
                }
            }
            return true;
        }
        if (length < 2 || length > 63) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** What the slow path's strict reading takes as it is: no NUL, nothing beyond ASCII. */
    private static boolean asciiWithoutNul(byte[] bytes) {
        boolean blank = true;
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
            if (blank && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                blank = false;
            }
        }
        return !blank;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void expect(boolean proven) throws NotProven {
        if (!proven) {
            throw new NotProven();
        }
    }
}
