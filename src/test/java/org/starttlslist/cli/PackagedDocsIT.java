package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After mvn package: the manual pages and completion in target/docs (shipped in both packages) are
 * those of the code.
 */
class PackagedDocsIT {
    @TempDir Path tmp;

    @Test
    void thePackagedDocsAreCurrent() throws Exception {
        Path built = Path.of("target/docs");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(built), "no target/docs: run mvn package");
        String version =
                Files.readString(built.resolve("man/man1/starttls-list.1"))
                        .lines()
                        .filter(l -> l.startsWith(".TH "))
                        .findFirst()
                        .orElseThrow()
                        .replaceAll(".*\"starttls-list ([^\"]+)\".*", "$1");
        GenerateDocs.write(tmp, version);
        for (String page : listing(tmp.resolve("man/man1"))) {
            assertEquals(
                    Files.readString(tmp.resolve("man/man1").resolve(page)),
                    Files.readString(built.resolve("man/man1").resolve(page)),
                    page + " is stale: run mvn package");
        }
        assertEquals(
                Files.readString(tmp.resolve("completion/starttls-list.bash")),
                Files.readString(built.resolve("completion/starttls-list.bash")));
    }

    private static Set<String> listing(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
