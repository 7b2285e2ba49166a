package org.starttlslist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package arrows point one way, as the README's development notes state. Each feature package
 * has a level; a class may use its own package and packages of a strictly lower level, never one of
 * the same level or above. That rules out cycles too, and it makes a new arrow a decision: a new
 * package fails this test until it is given its level here (and in the README).
 */
class ArchitectureTest {
    /** Package (below {@code org.starttlslist}) to level. Higher levels use lower ones. */
    static final Map<String, Integer> LEVELS =
            Map.ofEntries(
                    // Foundations everyone may use.
                    Map.entry("failure", 0),
                    Map.entry("model", 0),
                    Map.entry("spelling", 0),
                    Map.entry("files", 1),
                    Map.entry("json", 1),
                    Map.entry("remote", 1),
                    Map.entry("settings", 1),
                    Map.entry("listfile", 2),
                    Map.entry("source", 2),
                    Map.entry("signing", 3),
                    // Offline checks, the pure build, and the live probe.
                    Map.entry("validate", 4),
                    Map.entry("check", 4),
                    Map.entry("build", 5),
                    Map.entry("diff", 5),
                    Map.entry("verify", 5),
                    // Features that act.
                    Map.entry("importer", 6),
                    Map.entry("export", 6),
                    Map.entry("mirror", 6),
                    Map.entry("lifecycle", 6),
                    Map.entry("release", 7),
                    Map.entry("schedule", 7),
                    Map.entry("demo", 8),
                    // The command line, on top of everything; nothing uses it.
                    Map.entry("cli", 10));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.starttlslist");
    }

    @Test
    void everyPackageHasALevel() {
        TreeSet<String> unknown = new TreeSet<>();
        for (JavaClass c : classes) {
            feature(c).filter(f -> !LEVELS.containsKey(f)).ifPresent(unknown::add);
        }
        assertEquals(
                new TreeSet<String>(),
                unknown,
                "give each new package a level in ArchitectureTest.LEVELS (and the README's arrows)");
    }

    @Test
    void arrowsPointDownOnly() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            Optional<String> from = feature(c);
            if (from.isEmpty() || !LEVELS.containsKey(from.get())) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                Optional<String> to = feature(d.getTargetClass());
                if (to.isEmpty() || to.equals(from) || !LEVELS.containsKey(to.get())) {
                    continue;
                }
                if (LEVELS.get(to.get()) >= LEVELS.get(from.get())) {
                    wrong.add(from.get() + " -> " + to.get() + ": " + d.getDescription());
                }
            }
        }
        assertEquals(
                List.of(),
                wrong.stream().distinct().sorted().limit(40).toList(),
                "a package may use only packages of a lower level (ArchitectureTest.LEVELS)");
    }

    /** The feature package of a class of ours: the first name below org.starttlslist. */
    static Optional<String> feature(JavaClass c) {
        String name = c.getPackageName();
        String prefix = "org.starttlslist.";
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
