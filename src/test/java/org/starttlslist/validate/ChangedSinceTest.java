package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;

/** {@code validate --changed-since REF} against a real git repository made with JGit. */
@ExtendWith(GitConfigIsolation.class)
class ChangedSinceTest {
    @TempDir Path repo;

    @BeforeEach
    void aCommittedListWithOneBadFile() throws Exception {
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        write(
                repo.resolve("policies/aliases/provider.json"),
                utf8("{\"mode\": \"testing\", \"mxs\": [\".mx.example.net\"]}\n"));
        write(
                repo.resolve("policies/aliases/unused.json"),
                utf8("{\"mode\": \"testing\", \"mxs\": [\".mx.example.org\"]}\n"));
        write(
                repo.resolve("policies/example.net.json"),
                utf8("{\"contact\": \"a@example.net\", \"policy-alias\": \"provider\"}\n"));
        write(repo.resolve("policies/example.org.json"), utf8(GeneratedInputsTest.DOMAIN));
        // Already on the base branch: a change elsewhere must not be blamed for it.
        write(
                repo.resolve("policies/old-mistake.example.json"),
                utf8(
                        "{\"contact\": \"a@example.com\", \"mode\": \"testing\", \"mxs\": [\"MX.example.com\"]}\n"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who =
                    new PersonIdent(
                            "Test",
                            "test@example.org",
                            Instant.parse("2026-11-01T00:00:00Z"),
                            ZoneOffset.UTC);
            git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    private CliRun changedSince(String ref) {
        return CliRun.of("-C", repo.toString(), "validate", "--now", NOW, "--changed-since", ref);
    }

    @Test
    void nothingChangedChecksOnlyTheConfig() {
        CliRun run = changedSince("main");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("validate: ok, no errors (0 domains, 0 aliases loaded)\n", run.err());
    }

    @Test
    void changedAddedAndUntrackedFilesAreCheckedWithTheAliasesTheyUseAndDeletionsAreFine()
            throws IOException {
        write(
                repo.resolve("policies/example.org.json"),
                utf8(
                        "{\"contact\": \"a@example.org\", \"mode\": \"testing\", \"mxs\": [\"mx.example.org.\"]}\n"));
        write(
                repo.resolve("policies/example.com.json"),
                utf8("{\"contact\": \"a@example.com\", \"policy-alias\": \"provider\"}\n"));
        write(repo.resolve("policies/README"), utf8("stray\n"));
        Files.delete(repo.resolve("policies/example.net.json"));

        assertEquals(
                Set.of(
                        "policies/example.org.json",
                        "policies/example.com.json",
                        "policies/README",
                        "policies/example.net.json"),
                ChangedFiles.since(new ListRepository(repo), "main"));
        CliRun run = changedSince("main");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(
                "policies/README:1:1: warning file.stray: policies/ holds only <domain>.json files and aliases/<name>.json; move or remove this file\n"
                        + "policies/example.org.json:1:57: error mx.pattern.trailing-dot: MX pattern 'mx.example.org.' ends with a dot; write 'mx.example.org'\n",
                run.out());

        Files.delete(repo.resolve("policies/example.org.json"));
        CliRun fixed = changedSince("HEAD");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertEquals(
                "validate: ok, no errors, 1 warning (1 domain, 1 alias loaded)\n", fixed.err());
    }

    @Test
    void removingAnAliasChecksEveryDomainThatMightUseIt() throws IOException {
        Files.delete(repo.resolve("policies/aliases/provider.json"));
        CliRun run = changedSince("main");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.out()
                        .contains(
                                "policies/example.net.json:1:46: error alias.unknown: policy-alias 'provider' does not exist"),
                run.out());
    }

    @Test
    void anUnknownRefCannotComplete() {
        CliRun run = changedSince("no-such-branch");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .startsWith(
                                "validate: --changed-since 'no-such-branch' is not a commit in "),
                run.err());
    }

    @Test
    void outsideAGitRepositoryCannotComplete(@TempDir Path plain) throws IOException {
        write(plain.resolve("release/config.json"), utf8(CONFIG));
        CliRun run =
                CliRun.of(
                        "-C",
                        plain.toString(),
                        "validate",
                        "--now",
                        NOW,
                        "--changed-since",
                        "main");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not in a git repository"), run.err());
    }
}
