package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;

/**
 * The fast paths change no finding: every validate corpus case (each finding code has one), and one
 * large repository holding all their files at once with thousands of clean ones among them (so the
 * parallel phase splits the bad files across threads), give the same report with {@link
 * SchemaFastPath} as with every file sent through the schema engine, and the same report on every
 * run: the same findings in the same order, the same loaded sources; and {@code validate}'s own
 * run, which keeps no source ({@link DomainKeeper#COUNT}), the same findings and counts.
 */
class FastPathEquivalenceTest {
    private static final Instant AT = Instant.parse(NOW);

    @TempDir Path work;

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseReportsTheSameWithAndWithoutTheFastPath()
            throws IOException, URISyntaxException {
        return cases().stream()
                .map(
                        dir ->
                                DynamicTest.dynamicTest(
                                        dir.getFileName().toString(),
                                        () -> {
                                            Path repo = work.resolve(dir.getFileName().toString());
                                            ValidateCorpusTest.copy(dir, repo);
                                            Files.deleteIfExists(repo.resolve("expected.txt"));
                                            boolean noConfig =
                                                    Files.deleteIfExists(repo.resolve("NO-CONFIG"));
                                            if (!noConfig
                                                    && !Files.exists(
                                                            repo.resolve("release/config.json"))) {
                                                write(
                                                        repo.resolve("release/config.json"),
                                                        utf8(CONFIG));
                                            }
                                            assertSameBothWays(repo);
                                        }));
    }

    @Test
    void allBadFilesAtOnceAmongCleanOnesReportTheSameOnEveryRunAndWithoutTheFastPath()
            throws IOException, URISyntaxException {
        Path repo = work.resolve("all");
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        int copied = 0;
        int index = 0;
        for (Path dir : cases()) {
            String prefix = "c" + index++ + "-";
            Path policies = dir.resolve("policies");
            if (!Files.isDirectory(policies)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(policies)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    Path relative = policies.relativize(file);
                    Path target =
                            relative.getNameCount() == 1
                                    ? repo.resolve("policies").resolve(prefix + relative)
                                    : repo.resolve("policies").resolve(relative.toString());
                    if (!Files.exists(target)) {
                        write(target, Files.readAllBytes(file));
                        copied++;
                    }
                }
            }
        }
        // Bytes no corpus case can hold in a text file.
        write(
                repo.resolve("policies/bom.example.json"),
                utf8("\ufeff{\"contact\": \"a@example.org\", \"policy-alias\": \"x\"}"));
        write(
                repo.resolve("policies/latin1.example.json"),
                new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        write(repo.resolve("policies/large.example.json"), new byte[Validator.MAX_FILE_BYTES + 1]);
        for (int i = 0; i < 3000; i++) {
            write(
                    repo.resolve("policies/clean-" + i + ".example.json"),
                    utf8(
                            i % 5 == 0
                                    ? "{\"contact\": \"postmaster@clean-"
                                            + i
                                            + ".example\", \"mode\": \"enforce\", \"mxs\": [\".clean-"
                                            + i
                                            + ".example\"]}"
                                    : "{\"contact\": \"postmaster@clean-"
                                            + i
                                            + ".example\", \"testing-since\": \"2026-01-0"
                                            + (1 + i % 9)
                                            + "\", \"mode\": \"testing\", \"mxs\": [\"mx2.clean-"
                                            + i
                                            + ".example\", \"mx1.clean-"
                                            + i
                                            + ".example\"]}"));
        }
        assertTrue(copied > 50, "copied only " + copied + " corpus files");

        ValidationReport plain = assertSameBothWays(repo);
        Set<String> codes = new TreeSet<>();
        plain.findings().forEach(f -> codes.add(f.code()));
        assertTrue(codes.size() > 25, "the combined repository fired only " + codes);
        for (int run = 0; run < 3; run++) {
            ValidationReport again = new Validator(new ListRepository(repo), AT).validateAll();
            assertEquals(plain.findings(), again.findings(), "run " + run);
            assertEquals(plain.sources(), again.sources(), "run " + run);
        }
    }

    @Test
    void everyLoadedSourceNamesItsOwnFileAndDateWhateverThreadReadIt() throws IOException {
        // Sources are read through their open directory by name, keep a Path of their own and
        // share equal testing-since dates: each must still name its own file and its own date.
        Path repo = work.resolve("loaded");
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        write(
                repo.resolve("policies/aliases/shared.json"),
                utf8("{\"mode\": \"enforce\", \"mxs\": [\"mx.shared.example\"]}"));
        for (int i = 0; i < 3000; i++) {
            write(
                    repo.resolve("policies/d-" + i + ".example.json"),
                    utf8(
                            "{\"contact\": \"postmaster@d-"
                                    + i
                                    + ".example\", \"testing-since\": \"2026-01-0"
                                    + (1 + i % 9)
                                    + "\", \"mode\": \"testing\", \"mxs\": [\"mx.d-"
                                    + i
                                    + ".example\"]}"));
        }
        ListRepository repository = new ListRepository(repo);
        ValidationReport report = new Validator(repository, AT).validateAll();
        SourceSet sources = report.sources().orElseThrow();
        assertEquals(3000, sources.domains().size(), report.findings().toString());
        for (DomainSource domain : sources.domains()) {
            int i = Integer.parseInt(domain.domain().substring(2, domain.domain().indexOf('.')));
            assertEquals(
                    repository.policiesDir().resolve(domain.domain() + ".json"), domain.file());
            assertEquals(Optional.of(LocalDate.of(2026, 1, 1 + i % 9)), domain.testingSince());
            assertEquals(
                    List.of(new MxPattern("mx.d-" + i + ".example")),
                    ((InlinePolicy) domain.policy()).mxs());
        }
        assertEquals(
                repository.aliasesDir().resolve("shared.json"), sources.aliases().get(0).file());
    }

    /** Validates {@code repo} both ways, asserts the reports are equal, and returns it. */
    private static ValidationReport assertSameBothWays(Path repo) {
        ListRepository repository = new ListRepository(repo);
        ValidationReport fast = new Validator(repository, AT).validateAll();
        ValidationReport plain = new Validator(repository, AT, false).validateAll();
        assertEquals(plain.findings(), fast.findings(), repo.toString());
        assertEquals(plain.sources(), fast.sources(), repo.toString());
        // validate's own run, which keeps no source and makes none: the same findings, the same
        // settings and aliases, as many domains.
        Validation<Boolean> counted = new Validator(repository, AT).validateAll(DomainKeeper.COUNT);
        assertEquals(plain.findings(), counted.report().findings(), repo.toString());
        assertEquals(plain.sources().map(SourceSet::settings), counted.settings(), repo.toString());
        assertEquals(
                plain.sources().map(SourceSet::aliases).orElse(List.of()),
                counted.aliases(),
                repo.toString());
        assertEquals(
                plain.sources().map(s -> s.domains().size()).orElse(0),
                counted.settings().isPresent() ? counted.domains().size() : 0,
                repo.toString());
        return plain;
    }

    private List<Path> cases() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/validate").toURI());
        try (Stream<Path> list = Files.list(corpus)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }
}
