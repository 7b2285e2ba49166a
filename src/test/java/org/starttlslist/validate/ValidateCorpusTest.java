package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.starttlslist.testing.CliRun;

/**
 * The corpus of bad (and a few good) inputs in {@code src/test/resources/validate/<case>/}: each
 * folder is a tiny list repository plus {@code expected.txt}, the exact finding lines validate must
 * print. A case without {@code release/config.json} gets a valid one, unless it holds a {@code
 * NO-CONFIG} marker. Run with {@code -Dgolden.update=true} to rewrite the expected files from the
 * current output (then review the diff).
 */
class ValidateCorpusTest {
    static final String NOW = "2026-11-28T12:00:00Z";
    static final String CONFIG =
            """
            {
              "author": "test",
              "version": "0.1",
              "validity-days": 14,
              "minimum-validity-days": 7,
              "release-branch": "main",
              "committer": {"name": "release", "email": "release@example.org"},
              "maintainers": []
            }
            """;

    @TestFactory
    Stream<DynamicTest> everyCasePrintsExactlyItsFindings() throws IOException, URISyntaxException {
        Path corpus = Path.of(getClass().getResource("/validate").toURI());
        List<Path> cases;
        try (Stream<Path> list = Files.list(corpus)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream()
                .map(
                        dir ->
                                DynamicTest.dynamicTest(
                                        dir.getFileName().toString(), () -> runCase(dir)));
    }

    private static void runCase(Path caseDir) throws IOException {
        Path repo = Files.createTempDirectory("validate-case-");
        try {
            copy(caseDir, repo);
            Files.deleteIfExists(repo.resolve("expected.txt"));
            boolean noConfig = Files.deleteIfExists(repo.resolve("NO-CONFIG"));
            if (!noConfig && !Files.exists(repo.resolve("release/config.json"))) {
                Files.createDirectories(repo.resolve("release"));
                Files.writeString(repo.resolve("release/config.json"), CONFIG);
            }
            CliRun run = CliRun.of("-C", repo.toString(), "validate", "--now", NOW);
            Path expectedFile = caseDir.resolve("expected.txt");
            if (Boolean.getBoolean("golden.update")) {
                Path source =
                        Path.of("src/test/resources/validate")
                                .resolve(caseDir.getFileName())
                                .resolve("expected.txt");
                Files.writeString(source, run.out());
            }
            String expected =
                    Files.exists(expectedFile)
                            ? Files.readString(expectedFile)
                            : "(no expected.txt)";
            assertEquals(expected, run.out(), run.toString());
            boolean errors = expected.lines().anyMatch(l -> l.contains(": error "));
            assertEquals(errors ? 1 : 0, run.exitCode(), run.toString());
        } finally {
            deleteTree(repo);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
