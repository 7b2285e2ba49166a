package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttlslist.model.PolicyList;

/**
 * The fast path of {@link UsableList#read} decides exactly as the plain path (strict tree, case
 * folding, networknt on the published-list schema, the parser, the usability rules): for every kind
 * of schema or rule violation, and for generated mutations of a good list, both accept the same
 * lists (with equal models) and refuse the same lists with the same pointer and message. The fast
 * path never vouches for a list the schema refuses.
 */
class PublishedListFastPathTest {
    static final String GOOD =
            """
            {
              "timestamp": "2026-06-01T00:00:00Z",
              "expires": "2026-06-15T00:00:00Z",
              "version": "0.1",
              "author": "Test",
              "policy-aliases": {
                "hosting": {"mode": "enforce", "mxs": [".mx.hosting.example", "mx.xn--p1ai"]}
              },
              "policies": {
                "a.example": {"policy-alias": "hosting"},
                "b.example": {"mode": "testing", "mxs": ["mx1.b.example", ".b.example"]},
                "xn--80ak6aa92e.xn--p1ai": {"mode": "enforce", "mxs": ["mx-1.b2.example"]}
              }
            }
            """;

    /** A good list with one change: every kind of violation the schema or the parser knows. */
    static Stream<Arguments> corpus() {
        Map<String, String> bad = new LinkedHashMap<>();
        // The document as a whole.
        bad.put("array", "[]");
        bad.put("string", "\"policy\"");
        bad.put("number", "1");
        bad.put("empty", "");
        bad.put("blank", " \n\t");
        bad.put("trailing garbage", GOOD + "x");
        bad.put("two documents", GOOD + GOOD);
        bad.put("bom", "\uFEFF" + GOOD);
        bad.put("truncated", GOOD.substring(0, GOOD.length() / 2));
        bad.put("trailing comma", GOOD.replace("\"mx-1.b2.example\"]", "\"mx-1.b2.example\",]"));
        bad.put("comment", GOOD.replace("\"version\"", "// c\n\"version\""));
        bad.put(
                "duplicate top-level key",
                GOOD.replace("\"author\": \"Test\"", "\"author\": \"a\", \"author\": \"b\""));
        bad.put(
                "duplicate domain",
                GOOD.replace(
                        "\"b.example\": {",
                        "\"a.example\": {\"policy-alias\": \"hosting\"}, \"b.example\": {"));
        bad.put(
                "duplicate mode",
                GOOD.replace(
                        "{\"mode\": \"testing\",",
                        "{\"mode\": \"testing\", \"mode\": \"testing\","));
        bad.put(
                "deep nesting",
                GOOD.replace(
                        "\"author\": \"Test\"",
                        "\"author\": " + "[".repeat(100) + "]".repeat(100)));
        // Root properties.
        for (String field :
                List.of("timestamp", "expires", "version", "policy-aliases", "policies")) {
            bad.put("missing " + field, removeField(GOOD, field));
        }
        bad.put("unknown field", GOOD.replace("\"author\"", "\"owner\": 1, \"author\""));
        bad.put("pinsets", GOOD.replace("\"author\"", "\"pinsets\": {}, \"author\""));
        // Instants.
        bad.put("timestamp not a date", GOOD.replace("2026-06-01T00:00:00Z", "yesterday"));
        bad.put(
                "timestamp 30 February",
                GOOD.replace("2026-06-01T00:00:00Z", "2026-02-30T00:00:00Z"));
        bad.put(
                "timestamp without zone",
                GOOD.replace("2026-06-01T00:00:00Z", "2026-06-01T00:00:00"));
        bad.put(
                "timestamp lower-case t",
                GOOD.replace("2026-06-01T00:00:00Z", "2026-06-01t00:00:00Z"));
        bad.put(
                "timestamp trailing newline",
                GOOD.replace("2026-06-01T00:00:00Z\"", "2026-06-01T00:00:00Z\\n\""));
        bad.put("timestamp float", GOOD.replace("\"2026-06-01T00:00:00Z\"", "1780272000.0"));
        bad.put("timestamp exponent", GOOD.replace("\"2026-06-01T00:00:00Z\"", "1.78e9"));
        bad.put("timestamp negative", GOOD.replace("\"2026-06-01T00:00:00Z\"", "-1"));
        bad.put(
                "timestamp huge",
                GOOD.replace("\"2026-06-01T00:00:00Z\"", "99999999999999999999999"));
        bad.put("timestamp after 9999", GOOD.replace("\"2026-06-01T00:00:00Z\"", "253402300800"));
        bad.put("timestamp boolean", GOOD.replace("\"2026-06-01T00:00:00Z\"", "true"));
        bad.put("timestamp null", GOOD.replace("\"2026-06-01T00:00:00Z\"", "null"));
        bad.put("expires object", GOOD.replace("\"2026-06-15T00:00:00Z\"", "{}"));
        // Other root values.
        bad.put("version 0.2", GOOD.replace("\"0.1\"", "\"0.2\""));
        bad.put("version number", GOOD.replace("\"0.1\"", "0.1"));
        bad.put("author number", GOOD.replace("\"Test\"", "7"));
        bad.put("author null", GOOD.replace("\"Test\"", "null"));
        bad.put(
                "aliases array",
                GOOD.replace("\"policy-aliases\": {", "\"policy-aliases\": [], \"x\": {"));
        bad.put("policies array", replaceObject(GOOD, "policies", "[]"));
        bad.put("policies string", replaceObject(GOOD, "policies", "\"all\""));
        // Aliases.
        bad.put("empty alias name", GOOD.replace("\"hosting\": {", "\"\": {"));
        bad.put(
                "alias refers to alias",
                GOOD.replace(
                        "\"hosting\": {\"mode\": \"enforce\", \"mxs\": [\".mx.hosting.example\", \"mx.xn--p1ai\"]}",
                        "\"hosting\": {\"policy-alias\": \"other\"}"));
        bad.put(
                "alias extra field",
                GOOD.replace(
                        "{\"mode\": \"enforce\", \"mxs\": [\".mx",
                        "{\"mode\": \"enforce\", \"note\": \"x\", \"mxs\": [\".mx"));
        bad.put(
                "alias without mode",
                GOOD.replace("{\"mode\": \"enforce\", \"mxs\": [\".mx", "{\"mxs\": [\".mx"));
        bad.put(
                "alias not an object",
                GOOD.replace(
                        "\"hosting\": {\"mode\": \"enforce\", \"mxs\": [\".mx.hosting.example\", \"mx.xn--p1ai\"]}",
                        "\"hosting\": \"enforce\""));
        // Domains (property names).
        bad.put("domain trailing dot", GOOD.replace("\"b.example\":", "\"b.example.\":"));
        bad.put("domain leading dot", GOOD.replace("\"b.example\":", "\".b.example\":"));
        bad.put("domain single label", GOOD.replace("\"b.example\":", "\"example\":"));
        bad.put("domain empty label", GOOD.replace("\"b.example\":", "\"b..example\":"));
        bad.put("domain wildcard", GOOD.replace("\"b.example\":", "\"*.example\":"));
        bad.put("domain hyphen at label start", GOOD.replace("\"b.example\":", "\"-b.example\":"));
        bad.put("domain hyphen at label end", GOOD.replace("\"b.example\":", "\"b-.example\":"));
        bad.put(
                "domain label of 64",
                GOOD.replace("\"b.example\":", "\"" + "b".repeat(64) + ".example\":"));
        bad.put(
                "domain longer than 253",
                GOOD.replace(
                        "\"b.example\":", "\"" + ("b".repeat(60) + ".").repeat(4) + "example\":"));
        bad.put("domain numeric tld", GOOD.replace("\"b.example\":", "\"b.123\":"));
        bad.put("domain one-letter tld", GOOD.replace("\"b.example\":", "\"b.e\":"));
        bad.put("domain bare xn-- tld", GOOD.replace("\"b.example\":", "\"b.xn--\":"));
        bad.put("domain underscore", GOOD.replace("\"b.example\":", "\"b_c.example\":"));
        bad.put("domain space", GOOD.replace("\"b.example\":", "\"b c.example\":"));
        bad.put("domain non-ASCII", GOOD.replace("\"b.example\":", "\"bé.example\":"));
        bad.put(
                "domain escaped non-ASCII",
                GOOD.replace("\"b.example\":", "\"b\\u00e9.example\":"));
        bad.put("domain with ab--", GOOD.replace("\"b.example\":", "\"ab--c.example\":"));
        bad.put(
                "domain upper case, a duplicate once folded",
                GOOD.replace("\"b.example\":", "\"A.EXAMPLE\":"));
        // Policies.
        bad.put(
                "policy not an object",
                GOOD.replace("{\"policy-alias\": \"hosting\"}", "\"hosting\""));
        bad.put("policy empty", GOOD.replace("{\"policy-alias\": \"hosting\"}", "{}"));
        bad.put(
                "alias reference with mode",
                GOOD.replace(
                        "{\"policy-alias\": \"hosting\"}",
                        "{\"policy-alias\": \"hosting\", \"mode\": \"enforce\"}"));
        bad.put(
                "alias reference after mode",
                GOOD.replace(
                        "{\"policy-alias\": \"hosting\"}",
                        "{\"mode\": \"enforce\", \"policy-alias\": \"hosting\"}"));
        bad.put(
                "alias reference empty",
                GOOD.replace("{\"policy-alias\": \"hosting\"}", "{\"policy-alias\": \"\"}"));
        bad.put(
                "alias reference number",
                GOOD.replace("{\"policy-alias\": \"hosting\"}", "{\"policy-alias\": 3}"));
        bad.put(
                "alias reference unresolved",
                GOOD.replace("{\"policy-alias\": \"hosting\"}", "{\"policy-alias\": \"nowhere\"}"));
        bad.put("mode unknown", GOOD.replace("\"mode\": \"testing\"", "\"mode\": \"none\""));
        bad.put("mode upper case", GOOD.replace("\"mode\": \"testing\"", "\"mode\": \"Testing\""));
        bad.put("mode number", GOOD.replace("\"mode\": \"testing\"", "\"mode\": 1"));
        bad.put("mode missing", GOOD.replace("\"mode\": \"testing\", ", ""));
        bad.put("mxs missing", GOOD.replace(", \"mxs\": [\"mx1.b.example\", \".b.example\"]", ""));
        bad.put("mxs empty", GOOD.replace("[\"mx1.b.example\", \".b.example\"]", "[]"));
        bad.put(
                "mxs string",
                GOOD.replace("[\"mx1.b.example\", \".b.example\"]", "\"mx1.b.example\""));
        bad.put(
                "mxs duplicate",
                GOOD.replace(
                        "[\"mx1.b.example\", \".b.example\"]",
                        "[\"mx1.b.example\", \"mx1.b.example\"]"));
        bad.put(
                "mxs duplicate of nine",
                GOOD.replace("[\"mx1.b.example\", \".b.example\"]", nineMxs(true)));
        bad.put(
                "mx number",
                GOOD.replace("[\"mx1.b.example\", \".b.example\"]", "[\"mx1.b.example\", 5]"));
        bad.put("mx null", GOOD.replace("[\"mx1.b.example\", \".b.example\"]", "[null]"));
        bad.put(
                "mx nested array",
                GOOD.replace("[\"mx1.b.example\", \".b.example\"]", "[[\"mx1.b.example\"]]"));
        bad.put("mx wildcard", GOOD.replace("\"mx1.b.example\"", "\"*.b.example\""));
        bad.put("mx two leading dots", GOOD.replace("\".b.example\"", "\"..b.example\""));
        bad.put("mx trailing dot", GOOD.replace("\"mx1.b.example\"", "\"mx1.b.example.\""));
        bad.put("mx single label", GOOD.replace("\"mx1.b.example\"", "\"mx1\""));
        bad.put("mx suffix of one label", GOOD.replace("\".b.example\"", "\".example\""));
        bad.put("mx IP literal", GOOD.replace("\"mx1.b.example\"", "\"[127.0.0.1]\""));
        bad.put(
                "mx longer than 254",
                GOOD.replace(
                        "\"mx1.b.example\"",
                        "\"." + ("m".repeat(60) + ".").repeat(4) + "example\""));
        bad.put(
                "mx upper case (folded, accepted)",
                GOOD.replace("\"mx1.b.example\"", "\"MX1.B.Example\""));
        bad.put(
                "mx upper case duplicate once folded",
                GOOD.replace(
                        "[\"mx1.b.example\", \".b.example\"]",
                        "[\"mx1.b.example\", \"MX1.b.example\"]"));
        bad.put(
                "unknown policy field",
                GOOD.replace("{\"mode\": \"testing\",", "{\"mode\": \"testing\", \"pin\": \"x\","));
        // Good ones the fast path must also accept, or hand over.
        bad.put("good", GOOD);
        bad.put("good, epoch seconds", GOOD.replace("\"2026-06-01T00:00:00Z\"", "1780272000"));
        bad.put(
                "good, offset and fraction",
                GOOD.replace("2026-06-01T00:00:00Z", "2026-06-01T02:00:00.5+02:00"));
        bad.put("good, no author", GOOD.replace("\"author\": \"Test\",", ""));
        bad.put("good, non-ASCII author", GOOD.replace("\"Test\"", "\"Tést\""));
        bad.put("good, escaped key", GOOD.replace("\"policies\"", "\"\\u0070olicies\""));
        bad.put("good, fields reordered", reorder(GOOD));
        bad.put(
                "good, nine mxs",
                GOOD.replace("[\"mx1.b.example\", \".b.example\"]", nineMxs(false)));
        bad.put("good, empty policies", replaceObject(GOOD, "policies", "{}"));
        bad.put("good, expired", GOOD.replace("2026-06-15", "2000-01-01"));
        // The byte scanner's own edges: escapes, raw control characters, numbers, long strings.
        bad.put("good, escaped domain", GOOD.replace("\"a.example\"", "\"a\\u002eexample\""));
        bad.put("good, escaped mode", GOOD.replace("\"testing\"", "\"t\\u0065sting\""));
        bad.put("escaped slash in mx", GOOD.replace("\"mx1.b.example\"", "\"mx1\\/b.example\""));
        bad.put("good, escaped author", GOOD.replace("\"Test\"", "\"T\\\"e\\\\s\\tt\\u00e9\""));
        bad.put("good, escaped alias name", GOOD.replace("\"hosting\"", "\"host\\u0069ng\""));
        bad.put("good, escaped field", GOOD.replace("\"mxs\"", "\"m\\u0078s\""));
        bad.put("good, escaped mx", GOOD.replace("\"mx1.b.example\"", "\"mx1\\u002eb.example\""));
        bad.put(
                "good, whitespace everywhere",
                GOOD.replace(": ", " \r\n\t:\t ").replace(", ", "\n ,\r "));
        bad.put("good, no whitespace", GOOD.replaceAll("\\s+", ""));
        bad.put(
                "long author (handed over)",
                GOOD.replace("\"Test\"", "\"" + "t".repeat(5000) + "\""));
        bad.put("escaped upper-case domain", GOOD.replace("\"a.example\"", "\"\\u0041.example\""));
        bad.put("escaped non-ASCII domain", GOOD.replace("\"a.example\"", "\"\\u00e4.example\""));
        bad.put("escaped dot in mode", GOOD.replace("\"testing\"", "\"testing\\u002e\""));
        bad.put("bad escape", GOOD.replace("\"Test\"", "\"T\\xst\""));
        bad.put("short unicode escape", GOOD.replace("\"Test\"", "\"T\\u00e\""));
        bad.put("lone surrogate", GOOD.replace("\"Test\"", "\"T\\ud800\""));
        bad.put("surrogate pair", GOOD.replace("\"Test\"", "\"T\\ud83d\\ude00\""));
        bad.put("raw tab in string", GOOD.replace("\"Test\"", "\"Te\tst\""));
        bad.put("raw newline in domain", GOOD.replace("\"a.example\"", "\"a.\nexample\""));
        bad.put("unterminated string", "{\"timestamp\": \"2026");
        bad.put("leading zero", GOOD.replace("\"2026-06-01T00:00:00Z\"", "01780272000"));
        bad.put("zero", GOOD.replace("\"2026-06-01T00:00:00Z\"", "0"));
        bad.put("minus zero", GOOD.replace("\"2026-06-01T00:00:00Z\"", "-0"));
        bad.put("19 digits", GOOD.replace("\"2026-06-01T00:00:00Z\"", "1000000000000000000"));
        bad.put("number then letter", GOOD.replace("\"2026-06-01T00:00:00Z\"", "1780272000x"));
        bad.put("long alias name", GOOD.replace("\"hosting\"", "\"" + "h".repeat(60000) + "\""));
        bad.put(
                "empty alias object",
                GOOD.replace(
                        "{\"mode\": \"enforce\", \"mxs\": [\".mx.hosting.example\", \"mx.xn--p1ai\"]}",
                        "{}"));
        bad.put("empty policy object", GOOD.replace("{\"policy-alias\": \"hosting\"}", "{}"));
        bad.put("empty mxs", GOOD.replace("[\"mx-1.b2.example\"]", "[]"));
        bad.put(
                "alias reference then mode",
                GOOD.replace(
                        "{\"policy-alias\": \"hosting\"}",
                        "{\"policy-alias\": \"hosting\", \"mode\": \"enforce\"}"));
        bad.put(
                "mode then alias reference",
                GOOD.replace(
                        "{\"policy-alias\": \"hosting\"}",
                        "{\"mode\": \"enforce\", \"policy-alias\": \"hosting\"}"));
        bad.put(
                "empty alias reference",
                GOOD.replace("{\"policy-alias\": \"hosting\"}", "{\"policy-alias\": \"\"}"));
        bad.put(
                "trailing comma in policies",
                GOOD.replace("\"mx-1.b2.example\"]}", "\"mx-1.b2.example\"]},"));
        bad.put("trailing comma at top", GOOD.replace("\n  }\n}", "\n  },\n}"));
        bad.put("empty object", "{}");
        bad.put("missing colon", GOOD.replace("\"version\": ", "\"version\" "));
        bad.put("missing comma", GOOD.replace("\"0.1\",", "\"0.1\""));
        bad.put("single quotes", GOOD.replace("\"Test\"", "'Test'"));
        return bad.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void fastAndPlainPathsAgree(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertAgree(name, bytes);
    }

    @Test
    void nonUtf8EncodingsAgree() {
        for (var charset :
                List.of(
                        StandardCharsets.UTF_16BE,
                        StandardCharsets.UTF_16LE,
                        StandardCharsets.ISO_8859_1)) {
            assertAgree(charset.name(), GOOD.replace("Test", "Tést").getBytes(charset));
        }
        byte[] nul = GOOD.getBytes(StandardCharsets.US_ASCII);
        nul[GOOD.indexOf("Test")] = 0;
        assertAgree("NUL", nul);
    }

    /**
     * Random edits of a good list (a byte replaced by one of the characters that matter to JSON and
     * to names, deleted or doubled): whatever the fast path accepts, the plain path accepts with
     * the same model, and every outcome is the same.
     */
    @Test
    void generatedMutationsAgree() {
        Random random = new Random(16);
        byte[] good = GOOD.getBytes(StandardCharsets.US_ASCII);
        byte[] alphabet = "{}[]\",:.-0123456789aAzZx \\/eE+n*".getBytes(StandardCharsets.US_ASCII);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = good.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> bytes = splice(bytes, at, 1, new byte[0]);
                    default -> bytes = splice(bytes, at, 0, new byte[] {bytes[at]});
                }
            }
            if (assertAgree("mutation " + round, bytes)) {
                accepted++;
            }
        }
        // The mutations must reach both sides of the decision to prove anything.
        assertTrue(accepted > 100 && accepted < 2900, "accepted " + accepted + " of 3000");
    }

    /** The hand-written name check is the schema's pattern and maxLength, on generated names. */
    @Test
    void schemaNamesMatchTheSchemasPattern() {
        Pattern domain =
                Pattern.compile(
                        "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
        Pattern mx =
                Pattern.compile(
                        "^\\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
        Random random = new Random(253);
        String[] pieces = {
            "a", "z", "0", "9", "-", ".", "xn--", "ab", "A", "_", "b".repeat(30), "c".repeat(62)
        };
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = name.toString();
            boolean expectDomain = domain.matcher(text).matches() && text.length() <= 253;
            boolean expectMx = mx.matcher(text).matches() && text.length() <= 254;
            assertEquals(expectDomain, PublishedListFastPath.isSchemaName(text, false, 253), text);
            assertEquals(expectMx, PublishedListFastPath.isSchemaName(text, true, 254), text);
            if (expectMx) {
                matched++;
            }
        }
        assertTrue(matched > 1_000, "only " + matched + " generated names matched");
    }

    /**
     * The predecessor's last real list (upper-case MX names): handed to the plain path, same
     * result.
     */
    @Test
    void thePredecessorsRealListAgrees() throws Exception {
        Path real = Path.of("../shared/fixtures/eff/policy.json");
        Assumptions.assumeTrue(Files.isRegularFile(real), "../shared/fixtures is not here");
        assertAgree("eff", Files.readAllBytes(real));
    }

    /** Returns whether the list was accepted. */
    private static boolean assertAgree(String name, byte[] bytes) {
        String plain =
                outcome(
                        () -> {
                            PolicyList list = UsableList.readBySchema(bytes);
                            UsableList.requireUsable(list);
                            return list;
                        });
        String combined = outcome(() -> UsableList.read(bytes));
        assertEquals(plain, combined, name);
        Optional<PolicyList> fast = PublishedListFastPath.read(bytes);
        if (fast.isPresent()) {
            // What the fast path vouches for, the plain path reads to the same model (the
            // usability rules, alias references and reserved labels, run after either path).
            assertEquals(
                    "accepted " + fast.get(),
                    outcome(() -> UsableList.readBySchema(bytes)),
                    name + ": the fast path vouched for a list the plain path reads otherwise");
        }
        // The count-only reading (verify's) accepts and refuses the same, with the same counts.
        String counted = summaryOutcome(() -> ListSummary.of(UsableList.read(bytes)));
        assertEquals(
                counted, summaryOutcome(() -> UsableList.summarize(bytes)), name + ": summary");
        Optional<ListSummary> fastSummary = PublishedListFastPath.summarize(bytes);
        if (fastSummary.isPresent()) {
            assertEquals(
                    "accepted " + fastSummary.get(),
                    counted,
                    name
                            + ": the count-only pass vouched for a list the plain path reads otherwise");
        }
        if (name.startsWith("good")
                && !name.matches(".*(non-ASCII|escaped domain|escaped mx|nine mxs|reordered).*")) {
            assertTrue(fastSummary.isPresent(), name + ": not counted on the fast path");
        }
        if (name.startsWith("good")) {
            assertTrue(plain.startsWith("accepted"), name + ": " + plain);
            assertFalse(
                    fast.isEmpty() && !name.contains("non-ASCII"), name + ": not on the fast path");
        }
        return plain.startsWith("accepted");
    }

    private static String summaryOutcome(java.util.function.Supplier<ListSummary> read) {
        try {
            return "accepted " + read.get();
        } catch (ListInvalidException e) {
            return "refused at '" + e.pointer() + "': " + e.getMessage();
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    private static String outcome(java.util.function.Supplier<PolicyList> read) {
        try {
            return "accepted " + read.get();
        } catch (ListInvalidException e) {
            return "refused at '" + e.pointer() + "': " + e.getMessage();
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    private static String removeField(String list, String field) {
        if (field.equals("policies") || field.equals("policy-aliases")) {
            int start = list.indexOf("\"" + field + "\": {");
            int end = matchingBrace(list, list.indexOf('{', start));
            String before = list.substring(0, start);
            String after = list.substring(end + 1);
            return (before + after).replaceAll(",\\s*,", ",").replaceAll(",\\s*}", "}");
        }
        return list.replaceAll("\"" + field + "\": \"[^\"]*\",", "");
    }

    private static String replaceObject(String list, String field, String value) {
        int start = list.indexOf("\"" + field + "\": {");
        int open = list.indexOf('{', start);
        return list.substring(0, open) + value + list.substring(matchingBrace(list, open) + 1);
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced");
    }

    private static String reorder(String list) {
        int start = list.indexOf("\"policy-aliases\": {");
        int end = matchingBrace(list, list.indexOf('{', start));
        String aliases = list.substring(start, end + 1);
        String without =
                list.substring(0, start) + list.substring(end + 1).replaceFirst("^,\\s*", "");
        int last = without.lastIndexOf('}');
        return without.substring(0, last).stripTrailing() + ", " + aliases + "\n}\n";
    }

    private static String nineMxs(boolean duplicate) {
        List<String> mxs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            mxs.add("\"mx" + (duplicate && i == 8 ? 0 : i) + ".b.example\"");
        }
        return "[" + String.join(", ", mxs) + "]";
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
