package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.validate.Validator;

/** Every folder under {@code src/test/resources/build/}: sources + now → expected bytes. */
class GoldenBuildTest {
    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> entries = Files.list(casesRoot())) {
            return entries
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Path casesRoot() throws URISyntaxException {
        return Path.of(GoldenBuildTest.class.getResource("/build/README.md").toURI()).getParent();
    }

    static byte[] build(Path caseDir) throws IOException {
        Instant now =
                ListTimes.parse(Files.readString(caseDir.resolve("now")).trim()).orElseThrow();
        ValidationReport report = new Validator(new ListRepository(caseDir), now).validateAll();
        assertFalse(
                report.hasErrors(), () -> "the golden sources must be valid: " + report.findings());
        return CanonicalListWriter.write(ListBuilder.merge(report.sources().orElseThrow(), now));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildGivesTheExpectedBytes(String name) throws Exception {
        Path caseDir = casesRoot().resolve(name);
        byte[] expected = Files.readAllBytes(caseDir.resolve("expected.policy.json"));
        byte[] actual = build(caseDir);
        assertEquals(
                new String(expected, StandardCharsets.UTF_8),
                new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildStreamedToAFileGivesTheExpectedBytes(String name, @TempDir Path out)
            throws Exception {
        // What the build command runs: each domain's bytes kept as its file is checked, then
        // written in order.
        Path caseDir = casesRoot().resolve(name);
        Instant now =
                ListTimes.parse(Files.readString(caseDir.resolve("now")).trim()).orElseThrow();
        ListBuild.Prepared prepared = ListBuild.prepare(new ListRepository(caseDir), now);
        Path target = out.resolve("policy.json");
        ListBuild.Written written = ListBuild.write(prepared, now, target);
        byte[] expected = Files.readAllBytes(caseDir.resolve("expected.policy.json"));
        assertEquals(
                new String(expected, StandardCharsets.UTF_8),
                Files.readString(target, StandardCharsets.UTF_8));
        PolicyList merged = ListBuild.run(new ListRepository(caseDir), now).list();
        assertEquals(merged.policies().size(), written.domains());
        assertEquals(merged.count(Mode.ENFORCE), written.enforce());
        assertEquals(merged.count(Mode.TESTING), written.testing());
        assertEquals(merged.timestamp(), written.frame().timestamp());
        assertEquals(merged.aliases(), written.frame().aliases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsAFixedPoint(String name) throws Exception {
        byte[] first = build(casesRoot().resolve(name));
        PolicyList parsed = PolicyListParser.parse(first);
        assertArrayEquals(first, CanonicalListWriter.write(parsed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputParsesBackToTheBuiltModel(String name) throws Exception {
        Path caseDir = casesRoot().resolve(name);
        Instant now =
                ListTimes.parse(Files.readString(caseDir.resolve("now")).trim()).orElseThrow();
        ValidationReport report = new Validator(new ListRepository(caseDir), now).validateAll();
        PolicyList built = ListBuilder.merge(report.sources().orElseThrow(), now);
        assertEquals(built, PolicyListParser.parse(CanonicalListWriter.write(built)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsValidAgainstOurSchema(String name) throws Exception {
        SchemaChecks.assertValidAgainstOurSchema(build(casesRoot().resolve(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsValidAgainstThePredecessorsSchema(String name) throws Exception {
        SchemaChecks.assertValidAgainstPredecessorSchema(build(casesRoot().resolve(name)));
    }
}
