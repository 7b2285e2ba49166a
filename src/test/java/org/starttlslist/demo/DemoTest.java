package org.starttlslist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.verify.ListVerifier;

/** The demo, in-process, on this project's own policies/ and release/config.json. */
@ExtendWith(GitConfigIsolation.class)
class DemoTest {
    private static final String NOW = "2026-11-28T12:00:00Z";

    @TempDir Path dir;

    @Test
    void releasesTheProjectsListIntoALocalRemoteAndSaysWhereEverythingIs() throws Exception {
        Path demo = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--dir", demo.toString(), "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        for (String step :
                new String[] {
                    "0. demo directory",
                    "1. throwaway maintainer key",
                    "2. scratch list repository",
                    "3. bare remote",
                    "4. release",
                    "   preflight:",
                    "   validate:",
                    "   build:",
                    "   sign:",
                    "   verify:",
                    "   commit:",
                    "   tag: list-20261128T120000Z",
                    "   push: main and list-20261128T120000Z to origin (atomic)",
                    "5. mirror",
                    "6. export postfix",
                    "Done: list 2026-11-28T12:00:00Z released"
                }) {
            assertTrue(run.out().contains(step), "missing '" + step + "' in\n" + run);
        }
        try (Git remote = Git.open(demo.resolve("publish.git").toFile())) {
            assertTrue(remote.getRepository().exactRef("refs/tags/list-20261128T120000Z") != null);
        }
        // The list repository ships .gitattributes, so no clone converts the signed pair's bytes.
        assertEquals(
                org.starttlslist.release.ListGitAttributes.TEXT,
                Files.readString(demo.resolve("list/.gitattributes")));
        try (Git listRepo = Git.open(demo.resolve("list").toFile())) {
            assertTrue(
                    listRepo.status().call().isClean(),
                    "the demo's list repository commits its .gitattributes");
        }
        byte[] list = Files.readAllBytes(demo.resolve("list/release/policy.json"));
        byte[] signature = Files.readAllBytes(demo.resolve("list/release/policy.json.asc"));
        var verified =
                ListVerifier.verify(
                        list,
                        signature,
                        ListVerifier.Options.of(
                                org.starttlslist.verify.PinnedKeys.load(
                                        java.util.List.of(
                                                demo.resolve("maintainer/public-key.asc"))),
                                Instant.parse(NOW)));
        try (var policies = Files.list(Path.of("policies"))) {
            assertEquals(
                    policies.filter(p -> p.toString().endsWith(".json")).count(),
                    verified.list().policies().size());
        }
        // The mirror installed exactly the published bytes, and the Postfix table names every
        // domain.
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                list, Files.readAllBytes(demo.resolve("mirror/current/policy.json")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                signature, Files.readAllBytes(demo.resolve("mirror/current/policy.json.asc")));
        String table = Files.readString(demo.resolve("postfix/tls_policy"));
        for (String domain : verified.list().policies().keySet()) {
            assertTrue(table.contains(domain), "missing " + domain + " in\n" + table);
        }

        // A second run replaces the first demo; a later instant gives a new release.
        CliRun again = CliRun.of("demo", "--dir", demo.toString(), "--now", "2026-11-28T13:00:00Z");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("the previous demo there was removed"), again.toString());
        assertEquals(
                Optional.empty(),
                Optional.ofNullable(
                        Git.open(demo.resolve("publish.git").toFile())
                                .getRepository()
                                .exactRef("refs/tags/list-20261128T120000Z")));
    }

    @Test
    void refusesADirectoryItDidNotMake() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("demo", "--dir", mine.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("was not made by 'starttls-list demo'"), run.toString());
        assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
    }
}
