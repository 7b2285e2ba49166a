package org.starttlslist.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

/**
 * One streaming pass over a published list that proves what the slow path ({@link
 * UsableList#readBySchema}: strict parse into a tree, host-name case folding, the published-list
 * schema through networknt, then {@code PolicyListParser}) would conclude, and builds the same
 * model on the way.
 *
 * <p>Why: on a 100,000-domain list the tree, the schema engine's walk and the second walk of the
 * parser cost several seconds and hundreds of megabytes on every {@code verify}, {@code mirror} and
 * {@code export}. This pass reads each token once and checks a few characters per value.
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

    /**
     * The strict mapper's tokenizer settings (so it accepts exactly the same JSON text), without
     * the name symbol table and without its duplicate-key detection: a list's 100,000 distinct
     * domain names only fill the table, and this pass detects every duplicate key itself (each
     * field is taken once, each map refuses a second entry). Plain jackson-core: a command that
     * verifies never builds the data-binding mapper on this path.
     */
    private static final JsonFactory TOKENS =
            JsonFactory.builder()
                    .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(org.starttlslist.json.Json.MAX_NESTING_DEPTH)
                                    .build())
                    .build();

    /** A small list of ours, never input: what {@link #warmUp} reads. */
    private static final byte[] WARM_UP =
            ("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"expires\":1767830400,\"version\":\"0.1\","
                            + "\"author\":\"w\",\"policy-aliases\":{\"h\":{\"mode\":\"enforce\","
                            + "\"mxs\":[\".mx.h.example\"]}},\"policies\":{\"a.example\":{\"policy-alias\":"
                            + "\"h\"},\"b.example\":{\"mode\":\"testing\",\"mxs\":[\"mx.b.example\","
                            + "\".b.example\"]}}}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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
        try (JsonParser parser = TOKENS.createParser(ObjectReadContext.empty(), list)) {
            return Optional.of(read(parser));
        } catch (NotProven | JacksonException | IllegalArgumentException e) {
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
        }
        return list;
    }

    private static PolicyList read(JsonParser parser) throws NotProven {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        Instant timestamp = null;
        Instant expires = null;
        String version = null;
        String author = null;
        SortedMap<String, InlinePolicy> aliases = null;
        SortedMap<String, Policy> policies = null;
        for (JsonToken token = parser.nextToken();
                token == JsonToken.PROPERTY_NAME;
                token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "timestamp" -> {
                    expect(timestamp == null);
                    timestamp = instant(parser, value);
                }
                case "expires" -> {
                    expect(expires == null);
                    expires = instant(parser, value);
                }
                case "version" -> {
                    expect(version == null && value == JsonToken.VALUE_STRING);
                    version = parser.getString();
                    expect(PolicyList.FORMAT_VERSION.equals(version));
                }
                case "author" -> {
                    expect(author == null && value == JsonToken.VALUE_STRING);
                    author = parser.getString();
                }
                case "policy-aliases" -> {
                    expect(aliases == null);
                    aliases = aliases(parser, value);
                }
                case "policies" -> {
                    expect(policies == null);
                    policies = policies(parser, value);
                }
                default -> throw new NotProven(); // pinsets and unknown fields: the schema says
            }
        }
        expect(parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null);
        expect(
                timestamp != null
                        && expires != null
                        && version != null
                        && aliases != null
                        && policies != null);
        return new PolicyList(
                timestamp, expires, version, Optional.ofNullable(author), aliases, policies);
    }

    private static Instant instant(JsonParser parser, JsonToken value) throws NotProven {
        Optional<Instant> instant;
        if (value == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            expect(INSTANT.matcher(text).matches());
            instant = ListTimes.parse(text);
        } else if (value == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long seconds = parser.getLongValue();
            expect(seconds >= 0);
            instant = ListTimes.fromEpochSeconds(seconds);
        } else {
            throw new NotProven();
        }
        expect(instant.isPresent());
        return instant.get();
    }

    private static SortedMap<String, InlinePolicy> aliases(JsonParser parser, JsonToken value)
            throws NotProven {
        expect(value == JsonToken.START_OBJECT);
        SortedMap<String, InlinePolicy> aliases = new TreeMap<>();
        for (JsonToken token = parser.nextToken();
                token == JsonToken.PROPERTY_NAME;
                token = parser.nextToken()) {
            String name = parser.currentName();
            expect(!name.isEmpty());
            expect(parser.nextToken() == JsonToken.START_OBJECT);
            expect(aliases.put(name, definition(parser, null)) == null);
        }
        return aliases;
    }

    private static SortedMap<String, Policy> policies(JsonParser parser, JsonToken value)
            throws NotProven {
        expect(value == JsonToken.START_OBJECT);
        SortedMap<String, Policy> policies = new TreeMap<>();
        for (JsonToken token = parser.nextToken();
                token == JsonToken.PROPERTY_NAME;
                token = parser.nextToken()) {
            String domain = parser.currentName();
            expect(isSchemaName(domain, false, MAX_DOMAIN));
            expect(parser.nextToken() == JsonToken.START_OBJECT);
            expect(parser.nextToken() == JsonToken.PROPERTY_NAME);
            Policy policy;
            if ("policy-alias".equals(parser.currentName())) {
                expect(parser.nextToken() == JsonToken.VALUE_STRING);
                String alias = parser.getString();
                expect(!alias.isEmpty());
                expect(parser.nextToken() == JsonToken.END_OBJECT);
                policy = new AliasReference(alias);
            } else {
                policy = definition(parser, parser.currentName());
            }
            expect(policies.put(domain, policy) == null);
        }
        return policies;
    }

    /**
     * A policy object's fields up to its END_OBJECT, the parser inside it. {@code firstName} is the
     * name already read, or null when the parser stands on START_OBJECT.
     */
    private static InlinePolicy definition(JsonParser parser, String firstName) throws NotProven {
        Mode mode = null;
        List<MxPattern> mxs = null;
        String name = firstName;
        if (name == null) {
            expect(parser.nextToken() == JsonToken.PROPERTY_NAME);
            name = parser.currentName();
        }
        while (true) {
            switch (name) {
                case "mode" -> {
                    expect(mode == null && parser.nextToken() == JsonToken.VALUE_STRING);
                    String text = parser.getString();
                    if ("enforce".equals(text)) {
                        mode = Mode.ENFORCE;
                    } else if ("testing".equals(text)) {
                        mode = Mode.TESTING;
                    } else {
                        throw new NotProven();
                    }
                }
                case "mxs" -> {
                    expect(mxs == null);
                    mxs = mxs(parser);
                }
                default -> throw new NotProven(); // policy-alias among others, unknown fields
            }
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_OBJECT) {
                break;
            }
            expect(next == JsonToken.PROPERTY_NAME);
            name = parser.currentName();
        }
        expect(mode != null && mxs != null);
        return new InlinePolicy(mode, mxs);
    }

    private static List<MxPattern> mxs(JsonParser parser) throws NotProven {
        expect(parser.nextToken() == JsonToken.START_ARRAY);
        List<MxPattern> mxs = new ArrayList<>(4);
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            expect(token == JsonToken.VALUE_STRING);
            String text = parser.getString();
            expect(isSchemaName(text, true, MAX_MX));
            mxs.add(new MxPattern(text)); // its own rules; IllegalArgumentException: not proven
        }
        expect(!mxs.isEmpty() && unique(mxs));
        return mxs;
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

    /**
     * Exactly the schema's name pattern {@code ^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+
     * ([a-z]{2,63}|xn--[a-z0-9-]{1,59})$} (the leading dot only when {@code leadingDot}) and its
     * maxLength; {@code PublishedListFastPathTest} compares the two on generated names.
     */
    static boolean isSchemaName(String name, boolean leadingDot, int maxLength) {
        int length = name.length();
        if (length > maxLength) {
            return false;
        }
        int start = leadingDot && length > 0 && name.charAt(0) == '.' ? 1 : 0;
        int lastDot = name.lastIndexOf('.');
        if (lastDot < start) {
            return false; // a single label
        }
        int labelStart = start;
        for (int i = start; i <= lastDot; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1
                        || labelLength > 63
                        || name.charAt(labelStart) == '-'
                        || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!isLowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return isLastLabel(name, lastDot + 1);
    }

    private static boolean isLastLabel(String name, int from) {
        int length = name.length() - from;
        if (name.startsWith("xn--", from) && length >= 5 && length <= 63) {
            for (int i = from + 4; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!isLowerAlnum(c) && c != '-') {
                    return false;
                }
            }
            return true;
        }
        if (length < 2 || length > 63) {
            return false;
        }
        for (int i = from; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
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

    private static void expect(boolean proven) throws NotProven {
        if (!proven) {
            throw new NotProven();
        }
    }
}
