package org.starttlslist.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.starttlslist.build.Sources.alias;
import static org.starttlslist.build.Sources.domain;
import static org.starttlslist.build.Sources.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.Mode;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.ValidationReport;

/** {@link ListBuild#write}: the build streamed to a file as its policies are made canonical. */
class ListBuildTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    /** Enough domains for the pieces to be made on two threads. */
    private static final int MANY = CanonicalListWriter.PARALLEL_FROM + 3 * 1000;

    private static List<DomainSource> domains(int count) {
        List<DomainSource> domains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("d%06d.example", i);
            domains.add(
                    i % 7 == 0
                            ? domain(name, "shared")
                            : domain(name, Mode.TESTING, "mx2." + name, ".m." + name));
        }
        return domains;
    }

    private static ValidationReport report(List<DomainSource> domains) {
        return new ValidationReport(
                List.of(),
                Optional.of(
                        new SourceSet(
                                settings(14, 7),
                                domains,
                                List.of(alias("shared", Mode.ENFORCE, "mx.shared.example")))));
    }

    @Test
    void streamedBytesAreTheBytesOfTheMergedList(@TempDir Path dir) throws Exception {
        ValidationReport report = report(domains(MANY));
        Path target = dir.resolve("out/policy.json");
        ListBuild.Result result = ListBuild.write(report, NOW, target);
        assertEquals(ListBuilder.merge(report.sources().orElseThrow(), NOW), result.list());
        assertArrayEquals(result.bytes(), Files.readAllBytes(target));
    }

    @Test
    void domainsOutOfOrderAreSortedAndTheFileWrittenOnce(@TempDir Path dir) throws Exception {
        // The validator hands domains over sorted; any other caller may not. The order is checked
        // as the pieces are made, and the build starts again from the domains sorted.
        List<DomainSource> sorted = domains(MANY);
        List<DomainSource> shuffled = new ArrayList<>(sorted);
        Collections.swap(shuffled, 10, MANY - 10);
        Path target = dir.resolve("policy.json");
        ListBuild.Result result = ListBuild.write(report(shuffled), NOW, target);
        assertArrayEquals(
                ListBuild.write(report(sorted), NOW, dir.resolve("sorted.json")).bytes(),
                Files.readAllBytes(target));
        assertEquals(result.bytes().length, Files.size(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDuplicateDomainWritesNothing(@TempDir Path dir) throws Exception {
        List<DomainSource> domains = domains(MANY);
        domains.add(MANY / 2, domains.get(MANY / 2));
        Path target = dir.resolve("policy.json");
        Files.writeString(target, "the list before");
        DuplicateSourceException e =
                assertThrows(
                        DuplicateSourceException.class,
                        () -> ListBuild.write(report(domains), NOW, target));
        assertEquals(true, e.getMessage().contains(domains.get(MANY / 2).domain()));
        assertEquals("the list before", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aValidityShorterThanTheMinimumWritesNothing(@TempDir Path dir) {
        ValidationReport report =
                new ValidationReport(
                        List.of(),
                        Optional.of(new SourceSet(settings(3, 7), domains(3), List.of())));
        Path target = dir.resolve("target/policy.json");
        assertThrows(ValidityTooShortException.class, () -> ListBuild.write(report, NOW, target));
        assertFalse(Files.exists(target.getParent()), "not even the directory is made");
    }
}
