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
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.InvalidSourcesException;

/**
 * {@link ListBuild#prepare} and {@link ListBuild#write}: each domain's bytes kept as it is loaded,
 * then written in order.
 */
class ListBuildTest {
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    /** Enough domains to fill the write buffer several times. */
    private static final int MANY = 7000;

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

    private static SourceSet sources(List<DomainSource> domains) {
        return new SourceSet(
                settings(14, 7),
                domains,
                List.of(alias("shared", Mode.ENFORCE, "mx.shared.example")));
    }

    @Test
    void theWrittenBytesAreTheBytesOfTheMergedList(@TempDir Path dir) throws Exception {
        SourceSet sources = sources(domains(MANY));
        Path target = dir.resolve("out/policy.json");
        ListBuild.Written written = ListBuild.write(ListBuild.prepare(sources), NOW, target);
        PolicyList merged = ListBuilder.merge(sources, NOW);
        assertArrayEquals(CanonicalListWriter.write(merged), Files.readAllBytes(target));
        assertEquals(MANY, written.domains());
        assertEquals(merged.count(Mode.ENFORCE), written.enforce());
        assertEquals(merged.count(Mode.TESTING), written.testing());
        assertEquals(MANY, written.enforce() + written.testing());
    }

    @Test
    void domainsInAnyOrderAreWrittenSorted(@TempDir Path dir) throws Exception {
        // The validator hands them over in directory order.
        List<DomainSource> sorted = domains(MANY);
        List<DomainSource> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(16));
        Path target = dir.resolve("policy.json");
        ListBuild.write(ListBuild.prepare(sources(shuffled)), NOW, target);
        assertArrayEquals(
                CanonicalListWriter.write(ListBuilder.merge(sources(sorted), NOW)),
                Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDuplicateDomainWritesNothing(@TempDir Path dir) throws Exception {
        List<DomainSource> domains = domains(MANY);
        domains.add(MANY / 2, domains.get(MANY / 2));
        Path target = dir.resolve("policy.json");
        Files.writeString(target, "the list before");
        ListBuild.Prepared prepared = ListBuild.prepare(sources(domains));
        DuplicateSourceException e =
                assertThrows(
                        DuplicateSourceException.class,
                        () -> ListBuild.write(prepared, NOW, target));
        assertEquals(true, e.getMessage().contains(domains.get(MANY / 2).domain()));
        assertEquals("the list before", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aValidityShorterThanTheMinimumWritesNothing(@TempDir Path dir) {
        ListBuild.Prepared prepared =
                ListBuild.prepare(new SourceSet(settings(3, 7), domains(3), List.of()));
        Path target = dir.resolve("target/policy.json");
        assertThrows(ValidityTooShortException.class, () -> ListBuild.write(prepared, NOW, target));
        assertFalse(Files.exists(target.getParent()), "not even the directory is made");
    }

    @Test
    void aRepositoryWithAnErrorIsRefusedBeforeAnythingIsKept(@TempDir Path dir) throws Exception {
        Path repository = dir.resolve("repo");
        Files.createDirectories(repository.resolve("policies"));
        Files.createDirectories(repository.resolve("release"));
        Files.writeString(
                repository.resolve("release/config.json"),
                "{\"author\": \"a\", \"version\": \"0.1\"}\n");
        Files.writeString(repository.resolve("policies/bad.example.json"), "{\"mode\": 1}\n");
        InvalidSourcesException e =
                assertThrows(
                        InvalidSourcesException.class,
                        () -> ListBuild.prepare(new ListRepository(repository), NOW));
        assertEquals(true, e.report().hasErrors());
    }
}
