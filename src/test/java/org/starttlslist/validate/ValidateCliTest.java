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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.json.Json;
import org.starttlslist.testing.CliRun;

/**
 * {@code starttls-list validate} in-process: one test per exit code, and each output format against
 * its golden file in {@code src/test/resources/validate-cli/} (rewrite them with {@code
 * -Dgolden.update=true}, then review the diff).
 */
class ValidateCliTest {
    @TempDir Path repo;

    @BeforeEach
    void aRepositoryWithAnErrorAndAWarning() throws IOException, URISyntaxException {
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        ValidateCorpusTest.copy(
                Path.of(getClass().getResource("/validate/several-problems").toURI()), repo);
        Files.delete(repo.resolve("expected.txt"));
        write(repo.resolve("policies/notes.txt"), utf8("a stray file, 100% a warning\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "github", "sarif", "json"})
    void eachFormatMatchesItsGoldenFile(String format) throws IOException, URISyntaxException {
        CliRun run = CliRun.of("-C", repo.toString(), "validate", "--now", NOW, "--format", format);
        String golden = "/validate-cli/" + format + ".txt";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(
                    Path.of("src/test/resources").resolve(golden.substring(1)), run.out());
        }
        assertEquals(
                Files.readString(Path.of(getClass().getResource(golden).toURI())),
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
        assertEquals(
                "validate: 9 errors, 1 warning in the list's sources; each is reported above with its file, line and fix\n",
                run.err());
        if (!format.equals("text") && !format.equals("github")) {
            Json.readStrict(utf8(run.out())); // the machine formats are one JSON document
        }
    }

    @Test
    void exit0WhenThereAreNoErrorsEvenWithWarnings() throws IOException {
        Files.delete(repo.resolve("policies/Example.org.json"));
        write(repo.resolve("policies/example.org.json"), utf8(GeneratedInputsTest.DOMAIN));
        CliRun run = CliRun.of("-C", repo.toString(), "validate", "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(
                "policies/notes.txt:1:1: warning file.stray: policies/ holds only <domain>.json files and aliases/<name>.json; "
                        + "move or remove this file\n",
                run.out());
        assertEquals(
                "validate: ok, no errors, 1 warning (1 domain, 0 aliases loaded)\n", run.err());
    }

    @Test
    void theStarterListValidates() {
        CliRun run = CliRun.of("validate", "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertEquals("validate: ok, no errors (4 domains, 1 alias loaded)\n", run.err());
    }

    @Test
    void namedPathsAreCheckedWithTheAliasesTheyUse() {
        CliRun run =
                CliRun.of(
                        "validate", "--now", NOW, "--format", "json", "policies/example.net.json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("validate: ok, no errors (1 domain, 1 alias loaded)\n", run.err());
    }

    @Test
    void exit1WhenAnyError() {
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "validate",
                        "--now",
                        NOW,
                        "policies/Example.org.json");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.out().startsWith("policies/Example.org.json:1:1: error domain.not-lowercase: "),
                run.out());
    }

    @Test
    void exit2ForAnUnknownFormat() {
        CliRun run = CliRun.of("-C", repo.toString(), "validate", "--format", "xml");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Invalid value for option '--format'"), run.err());
    }

    @Test
    void exit2ForPathsTogetherWithChangedSince() {
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "validate",
                        "--changed-since",
                        "HEAD",
                        "policies/x.json");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("validate: give PATHs or --changed-since, not both\n", run.err());
    }

    @Test
    void exit2ForABadNow() {
        CliRun run = CliRun.of("-C", repo.toString(), "validate", "--now", "yesterday");
        assertEquals(2, run.exitCode(), run.toString());
    }

    @Test
    void exit3ForAPathThatCannotBeRead() {
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "validate",
                        "--now",
                        NOW,
                        "policies/no-such.example.json");
        assertEquals(3, run.exitCode(), run.toString());
        assertEquals(
                "validate: cannot read policies/no-such.example.json: no such file\n", run.err());
    }

    @Test
    void exit3OutsideAListRepository(@TempDir Path empty) {
        CliRun run = CliRun.of("-C", empty.toString(), "validate", "--now", NOW);
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not a list repository"), run.err());
    }

    @Test
    void githubCommandsEscapeWhatGithubWouldMisread() {
        assertEquals("100%25 a%0D%0Ab, c: d", ReportFormat.data("100% a\r\nb, c: d"));
        assertEquals("policies/a%2Cb%3Ac.json", ReportFormat.property("policies/a,b:c.json"));
    }
}
