package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.SharedFixtures;

@ExtendWith(GitConfigIsolation.class)
class DiffCommandTest {
    @TempDir Path dir;

    private static String list(String timestamp, String expires, String policies) {
        return "{\"timestamp\": \""
                + timestamp
                + "\", \"expires\": \""
                + expires
                + "\", \"version\": \"0.1\","
                + " \"policy-aliases\": {}, \"policies\": {"
                + policies
                + "}}";
    }

    @Test
    void theTwoRealReleases() {
        Path newer = SharedFixtures.require("fixtures/eff/policy.json");
        Path older = SharedFixtures.require("fixtures/eff/older/policy.json");
        CliRun run = CliRun.of("diff", older.toString(), newer.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                """
                timestamp 2020-05-06T18:18:30Z → 2020-05-20T17:25:12Z
                expires   2020-05-20T18:18:30Z → 2020-06-03T17:25:12Z (valid 14 days → 14 days)
                summary: no policy changes; expires 2020-05-20T18:18:30Z -> 2020-06-03T17:25:12Z
                """,
                run.out());
    }

    @Test
    void markdownForAPullRequest() throws Exception {
        Files.writeString(
                dir.resolve("old.json"),
                list(
                        "2026-01-01T00:00:00Z",
                        "2026-01-15T00:00:00Z",
                        "\"a.example\": {\"mode\": \"enforce\", \"mxs\": [\"mx.a.example\"]}"));
        Files.writeString(
                dir.resolve("new.json"),
                list(
                        "2026-01-08T00:00:00Z",
                        "2026-01-22T00:00:00Z",
                        "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}, \"b.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.b.example\"]}"));
        CliRun run =
                CliRun.of(
                        "-C",
                        dir.toString(),
                        "diff",
                        "old.json",
                        "new.json",
                        "--format",
                        "markdown");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(
                """
                ### Policy list changes

                **Summary:** +1 domain, 1 enforce→testing (downgrade); expires 2026-01-15T00:00:00Z → 2026-01-22T00:00:00Z

                > [!WARNING]
                > **1 domain downgraded from `enforce` to `testing`:** `a.example`

                | | before | after |
                |---|---|---|
                | timestamp | `2026-01-01T00:00:00Z` | `2026-01-08T00:00:00Z` |
                | expires | `2026-01-15T00:00:00Z` | `2026-01-22T00:00:00Z` |
                | validity | 14 days | 14 days |

                #### Added (1)

                - `b.example`: testing `mx.b.example`

                #### Mode changes (1)

                - `a.example`: enforce → testing **(downgrade)**
                """,
                run.out());
    }

    @Test
    void refPathReadsAListFromGitHistory() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("release"));
        PersonIdent who =
                new PersonIdent(
                        "Test",
                        "test@example.org",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(
                    repo.resolve("release/policy.json"),
                    list(
                            "2026-01-01T00:00:00Z",
                            "2026-01-15T00:00:00Z",
                            "\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}"));
            git.add().addFilepattern("release/policy.json").call();
            git.commit().setMessage("first").setAuthor(who).setCommitter(who).setSign(false).call();
            Files.writeString(
                    repo.resolve("release/policy.json"),
                    list(
                            "2026-01-08T00:00:00Z",
                            "2026-01-22T00:00:00Z",
                            "\"a.example\": {\"mode\": \"enforce\", \"mxs\": [\"mx.a.example\", \"mx2.a.example\"]}"));
            git.add().addFilepattern("release/policy.json").call();
            git.commit()
                    .setMessage("second")
                    .setAuthor(who)
                    .setCommitter(who)
                    .setSign(false)
                    .call();
        }
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "diff",
                        "HEAD~1:release/policy.json",
                        "main:release/policy.json");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains("mode changes (1):\n  a.example: testing → enforce\n"),
                run::toString);
        assertTrue(
                run.out().contains("MX changes (1):\n  a.example: added mx2.a.example\n"),
                run::toString);

        Files.writeString(
                repo.resolve("release/policy.json"),
                list("2026-01-09T00:00:00Z", "2026-01-23T00:00:00Z", ""));
        CliRun againstWorkingTree =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "diff",
                        "HEAD:release/policy.json",
                        "release/policy.json");
        assertEquals(0, againstWorkingTree.exitCode(), againstWorkingTree::toString);
        assertTrue(
                againstWorkingTree
                        .out()
                        .startsWith("!! REMOVED while in enforce: 1 domain: a.example\n"),
                againstWorkingTree::toString);

        CliRun unknownRef =
                CliRun.of(
                        "-C",
                        repo.toString(),
                        "diff",
                        "v9:release/policy.json",
                        "release/policy.json");
        assertEquals(1, unknownRef.exitCode(), unknownRef::toString);
        assertTrue(
                unknownRef.err().startsWith("diff: v9:release/policy.json: no commit 'v9' in "),
                unknownRef::toString);

        CliRun unknownPath =
                CliRun.of("-C", repo.toString(), "diff", "HEAD:policy.json", "release/policy.json");
        assertEquals(1, unknownPath.exitCode(), unknownPath::toString);
        assertEquals(
                "diff: HEAD:policy.json: no file 'policy.json' in HEAD (paths are relative to the repository root)\n",
                unknownPath.err());
    }

    @Test
    void refPathOutsideAGitRepositoryIsRejected() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(
                plain.resolve("x.json"), list("2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z", ""));
        CliRun run = CliRun.of("-C", plain.toString(), "diff", "HEAD:x.json", "x.json");
        // The temporary directory may sit inside some git work tree on a developer machine; then
        // the
        // ref or path is missing instead. Either way: rejected, exit 1.
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("diff: HEAD:x.json: "), run::toString);
    }

    @Test
    void aFileThatIsNotAListIsRejected() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(
                dir.resolve("b.json"), list("2026-01-01T00:00:00Z", "2026-01-15T00:00:00Z", ""));
        CliRun run = CliRun.of("-C", dir.toString(), "diff", "a.json", "b.json");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(
                "diff: /timestamp: a.json is not a policy list: /timestamp: required field 'timestamp' is missing\n",
                run.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        CliRun run = CliRun.of("diff", "a", "b", "--format", "html");
        assertEquals(2, run.exitCode(), run::toString);
    }
}
