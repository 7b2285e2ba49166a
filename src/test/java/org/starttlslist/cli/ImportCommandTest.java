package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.Trees;

class ImportCommandTest {
    @TempDir Path dir;

    private static final String LIST =
            """
            {"timestamp": "2020-05-20T10:25:12.710034-07:00", "expires": 1591205112, "version": "0.1",
             "policy-aliases": {"hosting": {"mode": "testing", "mxs": ["MX.host.example"]}},
             "policies": {"A.example": {"policy-alias": "hosting"}, "b.example": {"mode": "enforce", "mxs": ["mx.b.example"]}}}
            """;

    @Test
    void importsAndReportsEachChange() throws Exception {
        Files.writeString(dir.resolve("list.json"), LIST);
        CliRun run =
                CliRun.of(
                        "-C",
                        dir.toString(),
                        "import",
                        "list.json",
                        "--now",
                        "2026-01-01T00:00:00Z");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                """
                /timestamp: timestamp '2020-05-20T10:25:12.710034-07:00' read as 2020-05-20T17:25:12.710034Z (not imported: build sets its own)
                /expires: expires 1591205112 read as 2020-06-03T17:25:12Z (not imported: build sets its own)
                /policy-aliases/hosting/mxs/0: MX 'MX.host.example' written as 'mx.host.example'
                /policies/A.example: domain 'A.example' written as 'a.example'
                imported 2 domains and 1 alias into policies/ (2 changes listed above)
                note: "contact" is empty in every imported domain file; fill each in, or import again with --contact EMAIL --force (validate reports each empty contact)
                note: the imported list expired at 2020-06-03T17:25:12Z; a new build gives it a fresh expiry
                """,
                run.out());
        assertEquals(
                List.of(
                        "list.json",
                        "policies/a.example.json",
                        "policies/aliases/hosting.json",
                        "policies/b.example.json"),
                Trees.files(dir));
    }

    @Test
    void intoAnotherDirectoryWithAContact() throws Exception {
        Files.writeString(dir.resolve("list.json"), LIST);
        CliRun run =
                CliRun.of(
                        "-C",
                        dir.toString(),
                        "import",
                        "list.json",
                        "--into",
                        "repo",
                        "--contact",
                        "ops@example.org",
                        "--now",
                        "2020-05-21T00:00:00Z");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains("imported 2 domains and 1 alias into policies/"), run::toString);
        assertTrue(
                Files.readString(dir.resolve("repo/policies/b.example.json"))
                        .contains("\"contact\": \"ops@example.org\""));
    }

    @Test
    void existingFilesAreRefusedWithExitOneAndNothingWritten() throws Exception {
        Files.writeString(dir.resolve("list.json"), LIST);
        assertEquals(0, CliRun.of("-C", dir.toString(), "import", "list.json").exitCode());
        Files.writeString(dir.resolve("policies/b.example.json"), "edited");
        CliRun run = CliRun.of("-C", dir.toString(), "import", "list.json");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(
                "import: 3 source files already exist (policies/a.example.json, policies/aliases/hosting.json,"
                        + " policies/b.example.json); nothing was written. Use --force to overwrite them\n",
                run.err());
        assertEquals("edited", Files.readString(dir.resolve("policies/b.example.json")));
        assertEquals(
                0, CliRun.of("-C", dir.toString(), "import", "list.json", "--force").exitCode());
        assertTrue(Files.readString(dir.resolve("policies/b.example.json")).contains("enforce"));
    }

    @Test
    void usageErrors() throws Exception {
        assertEquals(2, CliRun.of("-C", dir.toString(), "import", "missing.json").exitCode());
        Files.writeString(dir.resolve("list.json"), LIST);
        CliRun run = CliRun.of("-C", dir.toString(), "import", "list.json", "--contact", "nobody");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(
                "import: --contact 'nobody' is not an e-mail address; write e.g. postmaster@example.com\n",
                run.err());
        assertEquals(List.of("list.json"), Trees.files(dir));
    }

    @Test
    void aMalformedListIsRejected() throws Exception {
        Files.writeString(dir.resolve("list.json"), "{\"timestamp\": \"yesterday\"}");
        CliRun run = CliRun.of("-C", dir.toString(), "import", "list.json");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(List.of("list.json"), Trees.files(dir));
    }
}
