package org.starttlslist.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .tar.gz as a user unpacks it: the launcher runs through a symlink from anywhere with only a
 * Java runtime, and its manual pages and completion are the ones the build generated.
 */
class TarballIT {
    @TempDir Path tmp;

    @Test
    void unpackLinkAndRun() throws Exception {
        Path tarball = Shell.built("starttls-list-*.tar.gz");
        assumeTrue(tarball != null, "no target/starttls-list-*.tar.gz: run mvn package");
        Shell.ok("tar", "-xzf", tarball.toString(), "-C", tmp.toString());
        Path home;
        try (Stream<Path> unpacked = Files.list(tmp)) {
            home = unpacked.findFirst().orElseThrow();
        }
        Path bin = Files.createDirectories(tmp.resolve("elsewhere/bin"));
        Path link =
                Files.createSymbolicLink(
                        bin.resolve("starttls-list"), home.resolve("bin/starttls-list"));

        String version = Shell.ok(link.toString(), "--version");

        assertTrue(version.startsWith("starttls-list "), version);
        assertTrue(Files.isRegularFile(home.resolve("share/man/man1/starttls-list-mirror.1")));
        assertTrue(
                Files.isRegularFile(
                        home.resolve("share/bash-completion/completions/starttls-list")));
        assertTrue(Files.isRegularFile(home.resolve("share/zsh/site-functions/_starttls-list")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")));
        assertEquals(
                manPages(Path.of("target/docs/man/man1")),
                manPages(home.resolve("share/man/man1")));
    }

    private static Set<String> manPages(Path directory) throws Exception {
        try (Stream<Path> pages = Files.list(directory)) {
            return new TreeSet<>(pages.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void jarKeepsEveryLicence() throws Exception {
        Path jar = Path.of("target/starttls-list.jar");
        assumeTrue(Files.exists(jar), "no target/starttls-list.jar: run mvn package");
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            String license =
                    new String(
                            zip.getInputStream(zip.getEntry("META-INF/LICENSE")).readAllBytes(),
                            StandardCharsets.UTF_8);
            assertTrue(
                    license.contains("Apache License") && license.contains("Version 2.0"),
                    "ours and Jackson's");
            String md =
                    new String(
                            zip.getInputStream(zip.getEntry("META-INF/LICENSE.md")).readAllBytes(),
                            StandardCharsets.UTF_8);
            assertTrue(md.contains("Legion of the Bouncy Castle"), "BouncyCastle's MIT licence");
            String txt =
                    new String(
                            zip.getInputStream(zip.getEntry("META-INF/LICENSE.txt")).readAllBytes(),
                            StandardCharsets.UTF_8);
            assertTrue(txt.contains("QOS.ch"), "SLF4J's MIT licence");
            String thirdParty =
                    new String(
                            zip.getInputStream(zip.getEntry("META-INF/THIRD-PARTY.txt"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8);
            // Every bundled library that carries Maven metadata is named in THIRD-PARTY.txt.
            var entries =
                    zip.stream()
                            .map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties"))
                            .toList();
            for (String entry : entries) {
                String[] parts = entry.split("/");
                String coordinates = parts[2] + ":" + parts[3];
                if (!coordinates.equals("org.starttlslist:starttls-list")) {
                    assertTrue(
                            thirdParty.contains(coordinates),
                            coordinates + " is bundled but not in THIRD-PARTY.txt");
                }
            }
        }
    }
}
