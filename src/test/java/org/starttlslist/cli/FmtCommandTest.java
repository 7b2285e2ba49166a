package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.Trees;

class FmtCommandTest {
    @TempDir Path dir;

    private Path repo() {
        return Trees.copyResource("/build/starter", dir.resolve("repo"));
    }

    @Test
    void theStarterDataIsCanonical() {
        CliRun run = CliRun.of("-C", Path.of("").toAbsolutePath().toString(), "fmt", "--check");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void checkNamesEachNonCanonicalFileAndChangesNothing() throws Exception {
        Path repo = repo();
        Path messy = repo.resolve("policies/example.com.json");
        String text =
                "{\"mode\": \"testing\", \"contact\": \"postmaster@example.com\", \"mxs\": [\"mx2.example.com\", \"mx1.example.com\"]}";
        Files.writeString(messy, text);
        Path alias = repo.resolve("policies/aliases/example-hosting.json");
        Files.writeString(alias, Files.readString(alias).strip());
        CliRun run = CliRun.of("-C", repo.toString(), "fmt", "--check");
        assertEquals(1, run.exitCode(), run::toString);
        // Each file is named, then the change fmt would make, as a unified diff.
        assertTrue(
                run.out()
                        .startsWith(
                                "policies/aliases/example-hosting.json: not canonical\n"
                                        + "--- policies/aliases/example-hosting.json\n+++ policies/aliases/example-hosting.json (canonical)\n"),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "\\ No newline at end of file\npolicies/example.com.json: not canonical\n"),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "+++ policies/example.com.json (canonical)\n@@ -1,1 +1,8 @@\n-"
                                        + text
                                        + "\n\\ No newline at end of file\n+{\n"
                                        + "+  \"contact\": \"postmaster@example.com\",\n+  \"mode\": \"testing\",\n"),
                run.out());
        assertEquals(
                "fmt: 2 files are not in canonical form (listed above); run 'starttls-list fmt' to rewrite them\n",
                run.err());
        assertEquals(text, Files.readString(messy));
    }

    @Test
    void fmtRewritesAndASecondRunChangesNothing() throws Exception {
        Path repo = repo();
        Path messy = repo.resolve("policies/example.com.json");
        Files.writeString(
                messy,
                "{\"mxs\": [\"MX2.example.com\", \"mx1.example.com\"], \"mode\": \"testing\", \"contact\": \"postmaster@example.com\", \"testing-since\": \"2026-11-01\"}");
        CliRun run = CliRun.of("-C", repo.toString(), "fmt");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("formatted policies/example.com.json\n", run.out());
        byte[] expected =
                Files.readAllBytes(
                        Path.of(
                                getClass()
                                        .getResource("/build/starter/policies/example.com.json")
                                        .toURI()));
        assertArrayEquals(expected, Files.readAllBytes(messy));
        List<String> filesAfterFirst = Trees.files(repo);
        CliRun again = CliRun.of("-C", repo.toString(), "fmt");
        assertEquals(0, again.exitCode());
        assertEquals("", again.out());
        assertEquals(filesAfterFirst, Trees.files(repo), "no stray temporary files");
        assertEquals(0, CliRun.of("-C", repo.toString(), "fmt", "--check").exitCode());
    }

    @Test
    void aFileThatIsNotJsonIsReportedAndNeverRewritten() throws Exception {
        Path repo = repo();
        Path broken = repo.resolve("policies/broken.example.json");
        Files.writeString(broken, "{\n  \"contact\": \"a@b\",\n  \"mode\": ,\n}");
        Path messy = repo.resolve("policies/example.com.json");
        Files.writeString(messy, Files.readString(messy).strip());
        CliRun run = CliRun.of("-C", repo.toString(), "fmt");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("policies/broken.example.json:3:"), run::toString);
        assertTrue(run.out().contains("; left unchanged\n"), run::toString);
        assertTrue(run.out().contains("formatted policies/example.com.json\n"), run::toString);
        assertEquals(
                "fmt: 1 file is not one JSON object in a regular file (listed above) and left unchanged; fix by hand, then run fmt again\n",
                run.err());
        assertEquals("{\n  \"contact\": \"a@b\",\n  \"mode\": ,\n}", Files.readString(broken));
    }

    @Test
    void onlyTheGivenPathsAreFormatted() throws Exception {
        Path repo = repo();
        Path one = repo.resolve("policies/example.com.json");
        Path two = repo.resolve("policies/example.net.json");
        Files.writeString(one, Files.readString(one).strip());
        Files.writeString(two, Files.readString(two).strip());
        CliRun run = CliRun.of("-C", repo.toString(), "fmt", "policies/example.net.json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("formatted policies/example.net.json\n", run.out());
        assertTrue(!Files.readString(one).endsWith("\n"));
    }

    @Test
    void aMissingPathIsAUsageError() {
        CliRun run = CliRun.of("-C", repo().toString(), "fmt", "policies/nope.json");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("fmt: no such file or directory: policies/nope.json\n", run.err());
    }

    @Test
    void aRepositoryWithoutSourcesHasNothingToFormat() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("-C", empty.toString(), "fmt", "--check");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
    }
}
