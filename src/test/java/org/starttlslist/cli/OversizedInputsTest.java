package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.Trees;

/** Inputs that used to end in "internal error" (exit 3) are one-line refusals (exit 1). */
@ExtendWith(GitConfigIsolation.class)
class OversizedInputsTest {
    @TempDir Path dir;

    @Test
    void aValidityOfOneE30IsAFindingNotAnInternalError() throws Exception {
        Path repo = Trees.copyResource("/build/starter", dir.resolve("repo"));
        Path config = repo.resolve("release/config.json");
        for (String huge : new String[] {"1e30", "100000000000000000000000000", "1e400"}) {
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replaceAll("\"validity-days\": [^,]*", "\"validity-days\": " + huge));
            CliRun validate = CliRun.of("-C", repo.toString(), "validate");
            assertEquals(1, validate.exitCode(), validate::toString);
            assertTrue(
                    validate.out().contains("release/config.json:4:20: error number.out-of-range"),
                    validate::toString);
            CliRun build =
                    CliRun.of(
                            "-C",
                            repo.toString(),
                            "build",
                            "--now",
                            "2026-11-28T12:00:00Z",
                            "--out",
                            dir.resolve("out.json").toString());
            assertEquals(1, build.exitCode(), build::toString);
            assertFalse(build.err().contains("internal error"), build::toString);
        }
    }

    @Test
    void aDiffOfAHugeBlobOrFileIsRefusedInOneLine() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        byte[] huge = new byte[60 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        Files.write(repo.resolve("big.json"), huge);
        Files.writeString(repo.resolve("small.json"), "{}\n");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("t", "t@example.invalid");
            git.commit().setMessage("big").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        CliRun blob = CliRun.of("-C", repo.toString(), "diff", "HEAD:big.json", "small.json");
        assertEquals(1, blob.exitCode(), blob::toString);
        assertEquals(1, blob.err().lines().count(), blob::toString);
        assertTrue(
                blob.err()
                        .contains(
                                "HEAD:big.json: 62914560 bytes, more than the 16777216 bytes a list may have"),
                blob::toString);
        CliRun file = CliRun.of("-C", repo.toString(), "diff", "big.json", "small.json");
        assertEquals(1, file.exitCode(), file::toString);
        assertTrue(file.err().contains("big.json: 62914560 bytes"), file::toString);
    }
}
