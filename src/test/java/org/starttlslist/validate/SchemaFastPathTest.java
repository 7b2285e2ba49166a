package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.validate.SourceSchemas.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link SchemaFastPath} may skip the schema only where the schema would report nothing: on every
 * source of the validate corpus and on generated hostile documents, "conforms" must imply that
 * networknt finds no violation. It must also accept ordinary sources, or it saves nothing.
 */
@SuppressWarnings(
        "StringConcatToTextBlock") // Error Prone 2.42 crashes on one of the literals below
class SchemaFastPathTest {
    /** The schema's mxPattern, anchored by {@link java.util.regex.Matcher#matches()}. */
    private static final Pattern MX_PATTERN =
            Pattern.compile(
                    "\\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] MXS = {
        "mx.example.com",
        ".example.com",
        "mx1.mail.example.org",
        "a.bc",
        "xn--bcher-kva.example",
        "mx.xn--p1ai",
        "MX.example.com",
        "mx.example.com.",
        "*.example.com",
        "..example.com",
        ".",
        "",
        "example",
        "mx..example.com",
        "-mx.example.com",
        "mx-.example.com",
        "mx.example.c0m",
        "mx.example.c",
        "mx.example.xn--",
        "mx.example.xn--a",
        "mx.example.com\n",
        " mx.example.com",
        "mx.ex ample.com",
        "mx_1.example.com",
        "m\u00fcx.example.com",
        "mx.example.\u0441om",
        "127.0.0.1",
        "mx.123",
        "a".repeat(63) + ".example.com",
        "a".repeat(64) + ".example.com",
        "mx." + "a".repeat(63),
        "mx." + "a".repeat(64),
        ("a".repeat(49) + ".").repeat(5) + "com",
        ("a".repeat(49) + ".").repeat(5) + "comx",
        "mx.example.com\u0000",
        "xn--.example.com",
        "a--b.example.com",
    };

    private static final String[] DATES = {
        "2026-01-15",
        "2024-02-29",
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-01-32",
        "0000-01-01",
        "1899-12-31",
        "1900-01-01",
        "9999-12-31",
        "2026-1-01",
        "2026/01/01",
        "2026-01-01T00:00:00Z",
        "\uff12\uff10\uff12\uff16-01-01",
        "2026-01-01\n",
        "",
    };

    private static final String[] CONTACTS = {
        "postmaster@example.com",
        "a@b",
        "ab",
        "a",
        "",
        "x".repeat(254),
        "x".repeat(255),
        "\ud83d\udce7@",
        "\ud83d\udce7",
    };

    private static final String[] ALIASES = {
        "provider-1", "a", "A", "-a", "a-", "a..b", "x".repeat(64), "x".repeat(65), "a b", ""
    };

    private static final String[] KEYS = {
        "contact",
        "testing-since",
        "mode",
        "mxs",
        "policy-alias",
        "Mode",
        "mx",
        "contact ",
        "",
        "comment",
    };

    @Test
    void mxPatternMatchesTheSchemaRegexExactly() {
        List<String> samples = new ArrayList<>(List.of(MXS));
        Random random = new Random(16);
        String alphabet = "abcxz09-.-.A_ ";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextBoolean()) {
                text.append(random.nextBoolean() ? ".xn--" : ".");
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            boolean expected =
                    sample.codePointCount(0, sample.length()) <= 254
                            && MX_PATTERN.matcher(sample).matches();
            assertEquals(expected, SchemaFastPath.isMxPattern(sample), "'" + sample + "'");
        }
    }

    @Test
    void isoDateReadsWhatLocalDateParseReads() {
        List<String> samples = new ArrayList<>(List.of(DATES));
        Random random = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            samples.add(
                    String.format(
                            "%04d-%02d-%02d",
                            random.nextInt(10_000), random.nextInt(14), random.nextInt(33)));
        }
        samples.addAll(List.of("+2026-01-01", "2026-01-1a", "-001-01-01", "20260101"));
        for (String sample : samples) {
            String expected;
            try {
                expected = java.time.LocalDate.parse(sample).toString();
            } catch (java.time.format.DateTimeParseException e) {
                expected = "rejected";
            }
            String actual;
            try {
                actual = SourceFileCheck.isoDate(sample).toString();
            } catch (java.time.format.DateTimeParseException e) {
                actual = "rejected";
            }
            assertEquals(expected, actual, sample);
        }
    }

    @Test
    void everyCorpusSourceTheFastPathAcceptsIsOneTheSchemaAccepts()
            throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/validate").toURI());
        int accepted = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files =
                    walk.filter(
                                    p ->
                                            p.toString().endsWith(".json")
                                                    && p.getParent()
                                                            .getFileName()
                                                            .toString()
                                                            .matches("policies|aliases"))
                            .sorted()
                            .toList();
        }
        for (Path file : files) {
            Kind kind =
                    file.getParent().getFileName().toString().equals("aliases")
                            ? Kind.ALIAS
                            : Kind.DOMAIN;
            JsonNode root;
            try {
                root =
                        LocatedJson.parse(
                                        new String(
                                                Files.readAllBytes(file), StandardCharsets.UTF_8))
                                .root();
            } catch (LocatedJson.Unparseable e) {
                continue; // never reaches the schema
            }
            if (SchemaFastPath.conforms(kind, root)) {
                accepted++;
                assertEquals(List.of(), SourceSchemas.check(kind, root), file.toString());
            }
        }
        assertTrue(accepted >= 10, "the fast path accepted only " + accepted + " corpus sources");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void onGeneratedHostileDocumentsConformsImpliesNoSchemaViolation(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int rejectedBySchema = 0;
        for (int n = 0; n < 1_500; n++) {
            Kind kind = random.nextInt(4) == 0 ? Kind.ALIAS : Kind.DOMAIN;
            JsonNode document = document(kind, random);
            boolean conforms = SchemaFastPath.conforms(kind, document);
            List<SourceSchemas.Violation> violations = SourceSchemas.check(kind, document);
            if (conforms) {
                accepted++;
                assertEquals(List.of(), violations, kind + " " + document);
            } else if (!violations.isEmpty()) {
                rejectedBySchema++;
            }
        }
        assertTrue(accepted > 100, "accepted " + accepted);
        assertTrue(rejectedBySchema > 100, "the schema rejected only " + rejectedBySchema);
    }

    @Test
    void nonObjectsAndAnAliasPassedAsConfigGoToTheSchema() {
        ObjectNode valid = NODES.objectNode();
        valid.put("mode", "testing");
        valid.set("mxs", NODES.arrayNode().add("mx.example.com"));
        assertTrue(SchemaFastPath.conforms(Kind.ALIAS, valid));
        assertFalse(SchemaFastPath.conforms(Kind.CONFIG, valid));
        assertFalse(SchemaFastPath.conforms(Kind.DOMAIN, NODES.arrayNode()));
        assertFalse(SchemaFastPath.conforms(Kind.ALIAS, NODES.stringNode("x")));
        assertFalse(SchemaFastPath.conforms(Kind.CONFIG, NODES.arrayNode()));
    }

    private static final String[] CONFIG_KEYS = {
        "author",
        "version",
        "validity-days",
        "minimum-validity-days",
        "threshold",
        "release-branch",
        "committer",
        "testing-days",
        "testing-failure-days",
        "grace-days",
        "notices-per-run",
        "maintainers",
        "Author",
        "comment",
    };

    private static final String[] FINGERPRINTS = {
        "0123456789ABCDEF0123456789ABCDEF01234567",
        "0123456789abcdef0123456789abcdef01234567",
        "0123456789ABCDEF0123456789ABCDEF0123456",
        "0123456789ABCDEF0123456789ABCDEF012345678",
        "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567",
        "G123456789ABCDEF0123456789ABCDEF01234567",
        "",
    };

    private static final String[] BRANCHES = {
        "main",
        "release/2026",
        "a",
        "-main",
        "main\n",
        "",
        "m".repeat(100),
        "m".repeat(101),
        "ma in",
        "r\u00e9lease",
        "v1.0_x-y",
    };

    private static final String[] TEXTS = {
        "list", "", "x".repeat(200), "x".repeat(201), "\ud83d\udce7"
    };

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void onGeneratedHostileConfigsConformsImpliesNoSchemaViolation(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        int rejectedBySchema = 0;
        for (int n = 0; n < 1_000; n++) {
            JsonNode config = config(random);
            boolean conforms = SchemaFastPath.conforms(Kind.CONFIG, config);
            List<SourceSchemas.Violation> violations = SourceSchemas.check(Kind.CONFIG, config);
            if (conforms) {
                accepted++;
                assertEquals(List.of(), violations, config.toString());
            } else if (!violations.isEmpty()) {
                rejectedBySchema++;
            }
        }
        assertTrue(accepted > 100, "accepted " + accepted);
        assertTrue(rejectedBySchema > 100, "the schema rejected only " + rejectedBySchema);
    }

    /**
     * A config near the valid ones: every field of the schema; in a third of them only values the
     * schema takes (at the edges of their ranges too), elsewhere sometimes bad ones.
     */
    private static JsonNode config(Random random) {
        boolean clean = random.nextInt(3) == 0;
        double good = clean ? 1.0 : 0.6;
        ObjectNode root = NODES.objectNode();
        for (String key : CONFIG_KEYS) {
            boolean required = key.equals("author") || key.equals("version");
            boolean unknown = Character.isUpperCase(key.charAt(0)) || key.equals("comment");
            if (unknown
                    ? clean || random.nextInt(10) != 0
                    : random.nextInt(required ? 20 : 2) == 0) {
                if (!(required && clean)) {
                    continue;
                }
            }
            JsonNode value =
                    switch (key) {
                        case "author" -> NODES.stringNode(pick(random, TEXTS, good));
                        case "version" ->
                                NODES.stringNode(!clean && random.nextInt(8) == 0 ? "0.2" : "0.1");
                        case "release-branch" -> NODES.stringNode(pick(random, BRANCHES, good));
                        case "committer" -> committer(random, clean);
                        case "maintainers" -> maintainers(random, clean);
                        default -> integer(random, clean);
                    };
            root.set(key, clean ? value : maybe(random, value));
        }
        return !clean && random.nextInt(40) == 0 ? NODES.arrayNode().add(root) : root;
    }

    private static JsonNode integer(Random random, boolean clean) {
        return switch (clean ? 9 + random.nextInt(3) : random.nextInt(12)) {
            case 0 -> NODES.numberNode(0);
            case 1 -> NODES.numberNode(-3);
            case 2 -> NODES.numberNode(10_001);
            case 3 -> NODES.numberNode(367);
            case 4 -> NODES.numberNode(14.0);
            case 5 -> NODES.numberNode(7.5);
            case 6 -> NODES.numberNode(61);
            case 7 -> NODES.numberNode(21);
            case 8 -> NODES.stringNode("14");
            case 9 -> NODES.numberNode(7);
            case 10 -> NODES.numberNode(20);
            default -> NODES.numberNode(7 + random.nextInt(14));
        };
    }

    private static JsonNode committer(Random random, boolean clean) {
        ObjectNode committer = NODES.objectNode();
        if (clean || random.nextInt(10) > 0) {
            String name = pick(random, TEXTS, clean ? 1.0 : 0.7);
            committer.set(
                    "name", clean ? NODES.stringNode(name) : maybe(random, NODES.stringNode(name)));
        }
        if (clean || random.nextInt(10) > 0) {
            String email =
                    !clean && random.nextInt(8) == 0 ? "x".repeat(255) : "release@example.org";
            committer.set(
                    "email",
                    clean ? NODES.stringNode(email) : maybe(random, NODES.stringNode(email)));
        }
        if (!clean && random.nextInt(12) == 0) {
            committer.put("mail", "x");
        }
        return committer;
    }

    private static JsonNode maintainers(Random random, boolean clean) {
        ArrayNode maintainers = NODES.arrayNode();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            ObjectNode maintainer = NODES.objectNode();
            if (clean || random.nextInt(10) > 0) {
                JsonNode fingerprint =
                        NODES.stringNode(pick(random, FINGERPRINTS, clean ? 1.0 : 0.6));
                maintainer.set("fingerprint", clean ? fingerprint : maybe(random, fingerprint));
            }
            if (random.nextBoolean()) {
                JsonNode name = NODES.stringNode(pick(random, TEXTS, clean ? 1.0 : 0.7));
                maintainer.set("name", clean ? name : maybe(random, name));
            }
            if (!clean && random.nextInt(12) == 0) {
                maintainer.put("key", "x");
            }
            maintainers.add(clean ? maintainer : maybe(random, maintainer));
        }
        return maintainers;
    }

    /** A document near the valid ones: mostly the right fields with good values, sometimes not. */
    private static JsonNode document(Kind kind, Random random) {
        ObjectNode root = NODES.objectNode();
        boolean alias = kind == Kind.DOMAIN && random.nextInt(3) == 0;
        if (kind == Kind.DOMAIN && random.nextInt(10) > 0) {
            root.set("contact", maybe(random, NODES.stringNode(pick(random, CONTACTS, 0.7))));
        }
        if (kind == Kind.DOMAIN && random.nextBoolean()) {
            root.set("testing-since", maybe(random, NODES.stringNode(pick(random, DATES, 0.5))));
        }
        if (alias) {
            root.set("policy-alias", maybe(random, NODES.stringNode(pick(random, ALIASES, 0.7))));
        }
        if (!alias || random.nextInt(5) == 0) {
            if (random.nextInt(10) > 0) {
                root.set(
                        "mode",
                        maybe(
                                random,
                                NODES.stringNode(
                                        random.nextInt(6) == 0
                                                ? "Testing"
                                                : random.nextBoolean() ? "testing" : "enforce")));
            }
            if (random.nextInt(10) > 0) {
                ArrayNode mxs = NODES.arrayNode();
                int count = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    mxs.add(maybe(random, NODES.stringNode(pick(random, MXS, 0.8))));
                }
                root.set("mxs", random.nextInt(15) == 0 ? NODES.stringNode("mx.example.com") : mxs);
            }
        }
        if (random.nextInt(6) == 0) {
            root.set(KEYS[random.nextInt(KEYS.length)], NODES.stringNode("x"));
        }
        return random.nextInt(40) == 0 ? NODES.arrayNode().add(root) : root;
    }

    /** The first (good) sample with probability {@code good}, else any. */
    private static String pick(Random random, String[] samples, double good) {
        return random.nextDouble() < good ? samples[0] : samples[random.nextInt(samples.length)];
    }

    /** Usually the value, sometimes a value of the wrong type. */
    private static JsonNode maybe(Random random, JsonNode value) {
        return switch (random.nextInt(25)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(7);
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.objectNode();
            default -> value;
        };
    }
}
