package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;

/**
 * A source for a domain with a removal record is an error at the source, found by looking the
 * domain up among the records listed once per run: whatever else the file holds, in every kind of
 * run, and for a record of any kind.
 */
class RemovedDomainsTest {
    private static final Instant AT = Instant.parse(NOW);

    @TempDir Path repo;

    @BeforeEach
    void repository() throws IOException {
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        for (String domain : List.of("kept.example", "gone.example", "broken.example")) {
            write(
                    repo.resolve("policies/" + domain + ".json"),
                    utf8(
                            domain.startsWith("broken")
                                    ? "{\"mode\": \"testing\",}"
                                    : "{\"contact\": \"postmaster@"
                                            + domain
                                            + "\", \"mode\": \"testing\", \"mxs\": [\"mx."
                                            + domain
                                            + "\"]}"));
        }
        write(repo.resolve("policies/removed/gone.example.json"), utf8("{}"));
        // A record that is a directory still keeps its domain off the list.
        Files.createDirectories(repo.resolve("policies/removed/broken.example.json"));
    }

    @Test
    void aSourceForARemovedDomainIsAnErrorAtTheSourceWhateverElseItHolds() {
        ValidationReport report = new Validator(new ListRepository(repo), AT).validateAll();
        List<Finding> removed =
                report.findings().stream().filter(f -> f.code().equals("domain.removed")).toList();
        assertEquals(2, removed.size(), report.findings().toString());
        Finding gone = removed.get(1);
        assertEquals("policies/gone.example.json", gone.file());
        assertEquals(1, gone.line());
        assertEquals(1, gone.column());
        assertEquals(
                "gone.example was removed from the list (policies/removed/gone.example.json); a"
                        + " removed domain comes back only through 'starttls-list add gone.example"
                        + " --re-add' with its proof record, which deletes the removal record",
                gone.message());
        assertEquals("policies/broken.example.json", removed.get(0).file());
        assertEquals(
                true,
                report.findings().stream()
                        .anyMatch(
                                f ->
                                        f.code().equals("json.invalid")
                                                && f.file().equals("policies/broken.example.json")),
                "the file's own error is still reported");
        assertEquals(
                List.of("kept.example"),
                report.sources().orElseThrow().domains().stream()
                        .map(DomainSource::domain)
                        .toList());
    }

    @Test
    void everyKindOfRunReportsItAlike() {
        Validator validator = new Validator(new ListRepository(repo), AT);
        List<Finding> all = validator.validateAll().findings();
        assertEquals(all, validator.validateAll(DomainKeeper.COUNT).report().findings());
        List<Finding> named =
                validator.validate(List.of(Path.of("policies/gone.example.json"))).findings();
        assertEquals(
                all.stream().filter(f -> f.file().equals("policies/gone.example.json")).toList(),
                named);
        List<Finding> changed =
                validator.validateChanged(List.of("policies/gone.example.json")).findings();
        assertEquals(named, changed);
    }
}
