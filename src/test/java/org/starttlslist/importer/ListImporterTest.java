package org.starttlslist.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.starttlslist.build.ListBuild;
import org.starttlslist.diff.DiffFormat;
import org.starttlslist.diff.ListDiff;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.testing.SharedFixtures;
import org.starttlslist.testing.Trees;
import org.starttlslist.validate.Finding;
import org.starttlslist.validate.Validator;

class ListImporterTest {
    @TempDir Path dir;

    private static byte[] list(String timestamp, String expires, String aliases, String policies) {
        return ("{\"timestamp\": "
                        + timestamp
                        + ", \"expires\": "
                        + expires
                        + ", \"version\": \"0.1\","
                        + " \"policy-aliases\": {"
                        + aliases
                        + "}, \"policies\": {"
                        + policies
                        + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] simple(String policies) {
        return list("\"2026-01-01T00:00:00Z\"", "\"2026-01-15T00:00:00Z\"", "", policies);
    }

    private Map<String, String> tree(Path root) throws IOException {
        Map<String, String> contents = new HashMap<>();
        for (String file : Trees.files(root)) {
            contents.put(file, Files.readString(root.resolve(file)));
        }
        return contents;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"2018-03-30T19:45:16+00:00\"           | 2018-03-30T19:45:16Z",
                "\"2018-11-07T08:24:29.23789966-08:00\"  | 2018-11-07T16:24:29.237899660Z",
                "\"2018-10-24T10:47:12.831584623-07:00\" | 2018-10-24T17:47:12.831584623Z",
                "\"2020-05-20T10:25:12.710034-07:00\"    | 2020-05-20T17:25:12.710034Z",
                "\"2020-05-20T10:25:12.7-07:00\"         | 2020-05-20T17:25:12.700Z",
                "\"2015-08-01T12:00:00+08:00\"           | 2015-08-01T04:00:00Z",
                "\"2026-01-01T00:00:00Z\"                | 2026-01-01T00:00:00Z",
                "1404677353                              | 2014-07-06T20:09:13Z",
            })
    void everyDateFormThePredecessorPublishedIsRead(String timestamp, String instant) {
        var report =
                new ListImporter()
                        .run(
                                list(
                                        timestamp,
                                        "4102444800",
                                        "",
                                        "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}"),
                                new ListRepository(dir),
                                Optional.of("a@a.example"),
                                false);
        assertEquals(Instant.parse(instant), report.list().timestamp());
        String written =
                timestamp.startsWith("\"")
                        ? "'" + timestamp.substring(1, timestamp.length() - 1) + "'"
                        : timestamp;
        assertEquals(
                new Normalisation(
                        "/timestamp",
                        "timestamp "
                                + written
                                + " read as "
                                + Instant.parse(instant)
                                + " (not imported: build sets its own)"),
                report.changes().get(0));
        assertEquals(List.of("policies/a.example.json"), Trees.files(dir));
    }

    @Test
    void namesAreNormalisedAndEachChangeReported() throws IOException {
        byte[] bytes =
                list(
                        "\"2026-01-01T00:00:00Z\"",
                        "\"2026-01-15T00:00:00Z\"",
                        "\"Hosting\": {\"mode\": \"enforce\", \"mxs\": [\"MX.Host.example\"]}",
                        "\"Foo.example\": {\"policy-alias\": \"Hosting\"},"
                                + " \"bücher.example.\": {\"mode\": \"testing\", \"mxs\": [\".Mail.bücher.example\", \"mx.example\", \"MX.example\"]}");
        var report =
                new ListImporter().run(bytes, new ListRepository(dir), Optional.empty(), false);
        assertEquals(
                List.of(
                        "/policy-aliases/Hosting: alias 'Hosting' written as 'hosting'",
                        "/policy-aliases/Hosting/mxs/0: MX 'MX.Host.example' written as 'mx.host.example'",
                        "/policies/Foo.example: domain 'Foo.example' written as 'foo.example'",
                        "/policies/Foo.example/policy-alias: alias 'Hosting' written as 'hosting'",
                        "/policies/bücher.example.: domain 'bücher.example.' written as 'xn--bcher-kva.example'",
                        "/policies/bücher.example./mxs/0: MX '.Mail.bücher.example' written as '.mail.xn--bcher-kva.example'",
                        "/policies/bücher.example./mxs/2: MX 'MX.example' written as 'mx.example'",
                        "/policies/bücher.example./mxs/2: duplicate MX 'MX.example' dropped"),
                report.changes().stream().skip(2).map(Normalisation::toString).toList());
        assertEquals(
                List.of(
                        "policies/aliases/hosting.json",
                        "policies/foo.example.json",
                        "policies/xn--bcher-kva.example.json"),
                Trees.files(dir));
        assertEquals(
                """
                {
                  "contact": "",
                  "mode": "testing",
                  "mxs": [
                    ".mail.xn--bcher-kva.example",
                    "mx.example"
                  ]
                }
                """,
                Files.readString(dir.resolve("policies/xn--bcher-kva.example.json")));
        assertEquals(
                "{\n  \"contact\": \"\",\n  \"policy-alias\": \"hosting\"\n}\n",
                Files.readString(dir.resolve("policies/foo.example.json")));
    }

    @Test
    void anEmptyContactIsLeftForValidateToReport() {
        Trees.copyResource("/build/starter/release", dir.resolve("release"));
        new ListImporter()
                .run(
                        simple(
                                "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}"),
                        new ListRepository(dir),
                        Optional.empty(),
                        false);
        List<Finding> findings =
                new Validator(new ListRepository(dir), Instant.parse("2026-01-01T00:00:00Z"))
                        .validateAll()
                        .findings();
        assertTrue(
                findings.stream()
                        .anyMatch(
                                f ->
                                        f.file().equals("policies/a.example.json")
                                                && f.pointer().equals("/contact")),
                findings::toString);
    }

    @Test
    void aKeyThatIsNotADomainIsRefusedAndNothingWritten() {
        var e =
                assertThrows(
                        ImportRefusedException.class,
                        () ->
                                new ListImporter()
                                        .run(
                                                simple(
                                                        "\"../evil\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}, \"*.b.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.b.example\"]}"),
                                                new ListRepository(dir),
                                                Optional.empty(),
                                                false));
        assertEquals(2, e.names().size(), e::getMessage);
        assertTrue(
                e.getMessage()
                        .startsWith("these keys of 'policies' are not mail domains: ../evil ("),
                e.getMessage());
        assertEquals(List.of(), Trees.files(dir));
    }

    @Test
    void anAliasNameThatCannotBeAFileNameIsRefused() {
        var e =
                assertThrows(
                        ImportRefusedException.class,
                        () ->
                                new ListImporter()
                                        .run(
                                                list(
                                                        "0",
                                                        "1",
                                                        "\"a/b\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}",
                                                        ""),
                                                new ListRepository(dir),
                                                Optional.empty(),
                                                false));
        assertEquals(List.of("a/b"), e.names());
        assertEquals(List.of(), Trees.files(dir));
    }

    @Test
    void anAliasNameWithDotsAndUnderscoresImportsAndValidates() {
        // Import and validate share one alias-name rule (model/AliasName); they used to differ.
        Trees.copyResource("/build/starter/release", dir.resolve("release"));
        new ListImporter()
                .run(
                        list(
                                "\"2026-01-01T00:00:00Z\"",
                                "\"2026-01-15T00:00:00Z\"",
                                "\"big_host.eu\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}",
                                "\"a.example\": {\"policy-alias\": \"big_host.eu\"}"),
                        new ListRepository(dir),
                        Optional.of("postmaster@a.example"),
                        false);
        assertTrue(Files.exists(dir.resolve("policies/aliases/big_host.eu.json")));
        List<Finding> findings =
                new Validator(new ListRepository(dir), Instant.parse("2026-01-02T00:00:00Z"))
                        .validateAll()
                        .findings();
        assertEquals(
                List.of(), findings.stream().filter(f -> f.code().startsWith("alias.")).toList());
    }

    @Test
    void aMalformedListIsRefusedAndNothingWritten() {
        assertThrows(
                MalformedListException.class,
                () ->
                        new ListImporter()
                                .run(
                                        "{\"policies\": {}}".getBytes(StandardCharsets.UTF_8),
                                        new ListRepository(dir),
                                        Optional.empty(),
                                        false));
        assertThrows(
                MalformedListException.class,
                () ->
                        new ListImporter()
                                .run(
                                        "[]".getBytes(StandardCharsets.UTF_8),
                                        new ListRepository(dir),
                                        Optional.empty(),
                                        false));
        assertThrows(
                MalformedListException.class,
                () ->
                        new ListImporter()
                                .run(
                                        "{".getBytes(StandardCharsets.UTF_8),
                                        new ListRepository(dir),
                                        Optional.empty(),
                                        false));
        assertEquals(List.of(), Trees.files(dir));
    }

    @Test
    void existingSourcesAreNotOverwrittenWithoutForce() throws IOException {
        Path repo = Trees.copyResource("/build/starter", dir.resolve("repo"));
        Map<String, String> before = tree(repo);
        byte[] bytes =
                simple(
                        "\"example.com\": {\"mode\": \"enforce\", \"mxs\": [\"mx.example.com\"]}, \"new.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.new.example\"]}");
        var e =
                assertThrows(
                        ImportRefusedException.class,
                        () ->
                                new ListImporter()
                                        .run(
                                                bytes,
                                                new ListRepository(repo),
                                                Optional.empty(),
                                                false));
        assertEquals(List.of("policies/example.com.json"), e.names());
        assertEquals(before, tree(repo));

        new ListImporter().run(bytes, new ListRepository(repo), Optional.of("x@example.com"), true);
        Map<String, String> after = tree(repo);
        assertTrue(after.get("policies/example.com.json").contains("\"enforce\""));
        assertTrue(after.containsKey("policies/new.example.json"));
        assertEquals(
                before.get("policies/example.org.json"),
                after.get("policies/example.org.json"),
                "other sources kept");
        assertEquals(before.keySet().size() + 1, after.size(), "no staging directory left behind");
    }

    @Test
    void aFailureMidwayLeavesTheRepositoryAsItWas() throws IOException {
        Path repo = Trees.copyResource("/build/starter", dir.resolve("repo"));
        Map<String, String> before = tree(repo);
        AtomicInteger writes = new AtomicInteger();
        ListImporter failing =
                new ListImporter(
                        (file, bytes) -> {
                            if (writes.incrementAndGet() == 3) {
                                throw new IOException("disk full (injected)");
                            }
                            AtomicFiles.write(file, bytes);
                        });
        byte[] bytes =
                simple(
                        "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]},"
                                + " \"b.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.b.example\"]},"
                                + " \"c.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.c.example\"]},"
                                + " \"example.com\": {\"mode\": \"enforce\", \"mxs\": [\"mx.example.com\"]}");
        var e =
                assertThrows(
                        CouldNotCompleteException.class,
                        () -> failing.run(bytes, new ListRepository(repo), Optional.empty(), true));
        assertEquals("import failed, nothing was changed: disk full (injected)", e.getMessage());
        assertEquals(3, writes.get());
        assertEquals(before, tree(repo));
        try (var entries = Files.list(repo)) {
            assertFalse(
                    entries.anyMatch(p -> p.getFileName().toString().startsWith(".import-")),
                    "staging removed");
        }
    }

    @Test
    void theRealListRoundTripsThroughImportAndBuild() {
        byte[] original = SharedFixtures.bytes("fixtures/eff/policy.json");
        Trees.copyResource("/build/starter/release", dir.resolve("release"));
        ListRepository repository = new ListRepository(dir);
        var report =
                new ListImporter()
                        .run(original, repository, Optional.of("postmaster@example.org"), false);
        assertEquals(926, report.written().size() - 4);
        assertEquals(10, report.changes().size(), "two date notes and eight upper-case MX names");
        assertTrue(report.changes().stream().skip(2).allMatch(c -> c.message().startsWith("MX '")));

        ListBuild.Result built = ListBuild.run(repository, Instant.parse("2026-11-28T00:00:00Z"));
        PolicyList before = PolicyListParser.parse(original);
        ListDiff diff = ListDiff.between(before, built.list());
        assertFalse(diff.hasPolicyChanges(), () -> DiffFormat.TEXT.render(diff));
        assertEquals(before.policies().keySet(), built.list().policies().keySet());
        assertEquals(before.aliases().keySet(), built.list().aliases().keySet());
        assertEquals(before.resolvedPolicies().size(), built.list().resolvedPolicies().size());
    }

    @Test
    void importingOurOwnBuildAndBuildingAgainGivesTheSameBytes() throws Exception {
        for (String name : List.of("starter", "mixed")) {
            Path golden = Path.of(getClass().getResource("/build/" + name).toURI());
            Path repo = dir.resolve(name);
            Trees.copy(golden.resolve("release"), repo.resolve("release"));
            byte[] expected = Files.readAllBytes(golden.resolve("expected.policy.json"));
            var report =
                    new ListImporter()
                            .run(
                                    expected,
                                    new ListRepository(repo),
                                    Optional.of("postmaster@example.org"),
                                    false);
            assertEquals(
                    2,
                    report.changes().size(),
                    () -> "only the two date notes: " + report.changes());
            Instant now = PolicyListParser.parse(expected).timestamp();
            assertEquals(
                    new String(expected, StandardCharsets.UTF_8),
                    new String(
                            ListBuild.run(new ListRepository(repo), now).bytes(),
                            StandardCharsets.UTF_8));
        }
    }

    @Test
    void importedFilesAreCanonical() throws IOException {
        byte[] bytes =
                simple(
                        "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx2.a.example\", \"mx1.a.example\"]}");
        new ListImporter().run(bytes, new ListRepository(dir), Optional.of("a@a.example"), false);
        Path file = dir.resolve("policies/a.example.json");
        assertTrue(
                org.starttlslist.build.SourceFormatting.run(List.of(file), true)
                        .get(0)
                        .canonical());
        assertEquals(
                "{\n  \"contact\": \"a@a.example\",\n  \"mode\": \"testing\",\n  \"mxs\": [\n    \"mx1.a.example\",\n"
                        + "    \"mx2.a.example\"\n  ]\n}\n",
                Files.readString(file));
    }
}
