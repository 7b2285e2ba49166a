package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttlslist.build.SourceFormatter.Kind;
import org.starttlslist.build.SourceFormatter.Outcome;
import org.starttlslist.json.Json;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.SourceSet;
import tools.jackson.databind.JsonNode;

/**
 * Properties over random valid source sets, each from a fixed seed (so a failure names the seed
 * that reproduces it): the build is deterministic and independent of input order, its output is a
 * fixed point that parses back to the same model and passes both schemas; fmt is idempotent.
 */
class BuildPropertiesTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static String label(Random random) {
        int length = 1 + random.nextInt(8);
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < length; i++) {
            char c = LETTERS.charAt(random.nextInt(LETTERS.length()));
            if (i > 0 && i < length - 1 && label.charAt(i - 1) != '-' && random.nextInt(6) == 0) {
                c = '-';
            }
            label.append(c);
        }
        return label.toString();
    }

    private static String host(Random random) {
        int labels = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            parts.add(label(random));
        }
        parts.add(random.nextBoolean() ? "example" : "test");
        return String.join(".", parts);
    }

    private static InlinePolicy policy(Random random) {
        List<MxPattern> mxs = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String host = host(random);
            mxs.add(new MxPattern(random.nextInt(4) == 0 ? "." + host : host));
            if (random.nextInt(5) == 0) {
                mxs.add(mxs.get(random.nextInt(mxs.size())));
            }
        }
        return new InlinePolicy(random.nextBoolean() ? Mode.TESTING : Mode.ENFORCE, mxs);
    }

    static SourceSet sources(long seed) {
        Random random = new Random(seed);
        List<AliasSource> aliases = new ArrayList<>();
        TreeSet<String> aliasNames = new TreeSet<>();
        int aliasCount = random.nextInt(4);
        while (aliasNames.size() < aliasCount) {
            aliasNames.add(label(random));
        }
        for (String name : aliasNames) {
            aliases.add(
                    new AliasSource(
                            Path.of("policies/aliases/" + name + ".json"), name, policy(random)));
        }
        TreeSet<String> domains = new TreeSet<>();
        int domainCount = random.nextInt(40);
        while (domains.size() < domainCount) {
            domains.add(host(random));
        }
        List<DomainSource> sources = new ArrayList<>();
        for (String domain : domains) {
            boolean useAlias = !aliasNames.isEmpty() && random.nextInt(3) == 0;
            sources.add(
                    new DomainSource(
                            Path.of("policies/" + domain + ".json"),
                            domain,
                            useAlias
                                    ? new AliasReference(
                                            new ArrayList<>(aliasNames)
                                                    .get(random.nextInt(aliasNames.size())))
                                    : policy(random),
                            "postmaster@" + domain,
                            Optional.empty()));
        }
        return new SourceSet(Sources.settings(1 + random.nextInt(60), 0), sources, aliases);
    }

    private static Instant instant(long seed) {
        return Instant.ofEpochSecond(
                1_600_000_000L + new Random(seed).nextInt(400_000_000),
                new Random(seed).nextInt(1_000_000_000));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theBuildIsDeterministicAndIndependentOfInputOrder(long seed) {
        SourceSet sources = sources(seed);
        byte[] first = CanonicalListWriter.write(ListBuilder.merge(sources, instant(seed)));
        List<DomainSource> domains = new ArrayList<>(sources.domains());
        List<AliasSource> aliases = new ArrayList<>(sources.aliases());
        Collections.shuffle(domains, new Random(seed * 31));
        Collections.shuffle(aliases, new Random(seed * 37));
        byte[] shuffled =
                CanonicalListWriter.write(
                        ListBuilder.merge(
                                new SourceSet(sources.settings(), domains, aliases),
                                instant(seed)));
        assertArrayEquals(first, shuffled);
        assertArrayEquals(
                first, CanonicalListWriter.write(ListBuilder.merge(sources, instant(seed))));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theOutputParsesBackToTheSameModelAndIsAFixedPoint(long seed) {
        PolicyList built = ListBuilder.merge(sources(seed), instant(seed));
        byte[] bytes = CanonicalListWriter.write(built);
        PolicyList parsed = PolicyListParser.parse(bytes);
        assertEquals(built, parsed);
        assertArrayEquals(bytes, CanonicalListWriter.write(parsed));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theOutputIsValidAgainstBothSchemas(long seed) {
        byte[] bytes = CanonicalListWriter.write(ListBuilder.merge(sources(seed), instant(seed)));
        SchemaChecks.assertValidAgainstOurSchema(bytes);
        SchemaChecks.assertValidAgainstPredecessorSchema(bytes);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fmtIsIdempotentAndKeepsTheContent(long seed) {
        Random random = new Random(seed);
        for (DomainSource domain : sources(seed).domains()) {
            byte[] messy = messy(domain, random);
            Outcome first = SourceFormatter.format(messy, Kind.DOMAIN);
            byte[] formatted = first instanceof Outcome.Reformatted r ? r.bytes() : messy;
            assertInstanceOf(
                    Outcome.Canonical.class,
                    SourceFormatter.format(formatted, Kind.DOMAIN),
                    () -> new String(formatted, StandardCharsets.UTF_8));
            JsonNode before = Json.readStrict(messy);
            JsonNode after = Json.readStrict(formatted);
            assertEquals(before.get("contact"), after.get("contact"));
            assertEquals(before.get("policy-alias"), after.get("policy-alias"));
            assertEquals(before.get("mode"), after.get("mode"));
            if (before.has("mxs")) {
                TreeSet<String> mxs = new TreeSet<>();
                before.get("mxs")
                        .forEach(
                                mx -> mxs.add(mx.stringValue().toLowerCase(java.util.Locale.ROOT)));
                List<String> written = new ArrayList<>();
                after.get("mxs").forEach(mx -> written.add(mx.stringValue()));
                assertEquals(new ArrayList<>(mxs), written);
            }
        }
    }

    static LongStream fewSeeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fewSeeds")
    void sourcesWrittenAsFilesInAnyOrderBuildTheSameList(long seed, @TempDir Path dir)
            throws Exception {
        SourceSet sources = sources(seed);
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        byte[] expected = CanonicalListWriter.write(ListBuilder.merge(sources, now));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "release/config.json",
                ("{\"author\": \"test author\", \"version\": \"0.1\", \"validity-days\": "
                                + sources.settings().validity().toDays()
                                + ", \"minimum-validity-days\": 1, \"release-branch\": \"main\","
                                + " \"maintainers\": []}\n")
                        .getBytes(StandardCharsets.UTF_8));
        sources.aliases()
                .forEach(
                        a ->
                                files.put(
                                        "policies/aliases/" + a.name() + ".json",
                                        CanonicalSourceWriter.alias(a.policy())));
        sources.domains()
                .forEach(
                        d ->
                                files.put(
                                        "policies/" + d.domain() + ".json",
                                        CanonicalSourceWriter.domain(
                                                d.contact(), d.testingSince(), d.policy())));
        List<String> order = new ArrayList<>(files.keySet());
        Collections.shuffle(order, new Random(seed));
        for (String file : order) {
            java.nio.file.Files.createDirectories(dir.resolve(file).getParent());
            java.nio.file.Files.write(dir.resolve(file), files.get(file));
        }
        ListBuild.Result result =
                ListBuild.run(new org.starttlslist.source.ListRepository(dir), now);
        assertEquals(
                new String(expected, StandardCharsets.UTF_8),
                new String(result.bytes(), StandardCharsets.UTF_8));
    }

    /** The source as someone might type it: any key order, any spacing, MX names in any case. */
    private static byte[] messy(DomainSource domain, Random random) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("contact", "\"" + domain.contact() + "\"");
        if (domain.policy() instanceof AliasReference reference) {
            fields.put("policy-alias", "\"" + reference.alias() + "\"");
        } else {
            InlinePolicy inline = (InlinePolicy) domain.policy();
            fields.put("mode", "\"" + inline.mode().wire() + "\"");
            List<String> mxs = new ArrayList<>();
            for (MxPattern mx : inline.mxs()) {
                String value =
                        random.nextBoolean()
                                ? mx.value().toUpperCase(java.util.Locale.ROOT)
                                : mx.value();
                mxs.add("\"" + value + "\"");
            }
            fields.put("mxs", "[" + String.join(random.nextBoolean() ? "," : ",\n   ", mxs) + "]");
        }
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.shuffle(keys, random);
        List<String> members = new ArrayList<>();
        for (String key : keys) {
            members.add("\"" + key + "\"" + (random.nextBoolean() ? ":" : " : ") + fields.get(key));
        }
        String text =
                "{"
                        + String.join(random.nextBoolean() ? "," : ",\n\t", members)
                        + "}"
                        + (random.nextBoolean() ? "\n" : "");
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
