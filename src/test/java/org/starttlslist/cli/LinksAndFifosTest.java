package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.Trees;

/**
 * fmt and import never follow a symbolic link in policies/ (which could pull a file from outside
 * the repository into it) and never open a FIFO (which would block forever); they refuse, name the
 * entry and leave everything as it was, without a staging directory.
 */
class LinksAndFifosTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    private static final String LIST =
            """
            {"timestamp": "2026-01-01T00:00:00Z", "expires": "2026-01-15T00:00:00Z", "version": "0.1",
             "policy-aliases": {}, "policies": {"new.example": {"mode": "testing", "mxs": ["mx.new.example"]}}}
            """;

    @TempDir Path dir;

    private Path repo() {
        return Trees.copyResource("/build/starter", dir.resolve("repo"));
    }

    private static Path fifo(Path path) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
        return path;
    }

    /**
     * Every entry under {@code root}: its kind, and a regular file's content or a link's target.
     */
    private static Map<String, String> entries(Path root) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    entries.put(name, "link -> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, Files.readString(path));
                } else {
                    entries.put(name, Files.isDirectory(path) ? "dir" : "other");
                }
            }
        }
        return entries;
    }

    private Path outsideFile() throws Exception {
        return Files.writeString(
                dir.resolve("outside.json"),
                "{\"mode\":\"enforce\",\"contact\":\"postmaster@outside.example\",\"mxs\":[\"mx.outside.example\"]}");
    }

    @Test
    void fmtRefusesASymlinkInPoliciesAndKeepsIt() throws Exception {
        Path repo = repo();
        Files.createSymbolicLink(repo.resolve("policies/outside.example.json"), outsideFile());
        Map<String, String> before = entries(repo);
        String outside = Files.readString(dir.resolve("outside.json"));
        CliRun run = CliRun.of("-C", repo.toString(), "fmt");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(
                run.out()
                        .contains(
                                "policies/outside.example.json:1:1: is a symbolic link, which fmt never follows"),
                run::toString);
        assertEquals(before, entries(repo));
        assertEquals(outside, Files.readString(dir.resolve("outside.json")));
        CliRun named = CliRun.of("-C", repo.toString(), "fmt", "policies/outside.example.json");
        assertEquals(1, named.exitCode(), named::toString);
        assertEquals(before, entries(repo));
    }

    @Test
    void fmtNeverOpensAFifoNamedOnTheCommandLineOrInPolicies() throws Exception {
        Path repo = repo();
        fifo(repo.resolve("policies/pipe.example.json"));
        Map<String, String> before = entries(repo);
        assertTimeoutPreemptively(
                NO_HANG,
                () -> {
                    CliRun named =
                            CliRun.of("-C", repo.toString(), "fmt", "policies/pipe.example.json");
                    assertEquals(1, named.exitCode(), named::toString);
                    assertTrue(
                            named.out()
                                    .contains(
                                            "is not a regular file (a FIFO, device or socket), which fmt never opens"),
                            named::toString);
                    CliRun all = CliRun.of("-C", repo.toString(), "fmt", "--check");
                    assertEquals(1, all.exitCode(), all::toString);
                });
        assertEquals(before, entries(repo));
    }

    @Test
    void importRefusesASymlinkInPoliciesAndCopiesNothingIn() throws Exception {
        Path repo = repo();
        Files.writeString(dir.resolve("list.json"), LIST);
        Files.createSymbolicLink(repo.resolve("policies/outside.example.json"), outsideFile());
        Map<String, String> before = entries(repo);
        CliRun run =
                CliRun.of("-C", repo.toString(), "import", dir.resolve("list.json").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(
                run.err()
                        .contains(
                                "policies/outside.example.json (a symbolic link): import never follows links"),
                run::toString);
        assertEquals(before, entries(repo), "no staging directory, no copy of the link's target");
    }

    @Test
    void importRefusesAFifoInPoliciesWithoutHangingOrLeavingAStagingDirectory() throws Exception {
        Path repo = repo();
        Files.writeString(dir.resolve("list.json"), LIST);
        fifo(repo.resolve("policies/pipe.example.json"));
        Map<String, String> before = entries(repo);
        CliRun run =
                assertTimeoutPreemptively(
                        NO_HANG,
                        () ->
                                CliRun.of(
                                        "-C",
                                        repo.toString(),
                                        "import",
                                        dir.resolve("list.json").toString()));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("policies/pipe.example.json (not a regular file)"),
                run::toString);
        assertEquals(before, entries(repo));
    }
}
