package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/** The release, publish and status command lines: usage errors and one-line refusals. */
@ExtendWith(GitConfigIsolation.class)
class ReleaseCliTest {
    private static TestKey key;

    @TempDir Path dir;

    @BeforeAll
    static void makeKey() {
        key = TestKeys.ed25519("maintainer");
    }

    @Test
    void committerIsNeverGuessed() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Path config = fixture.list.resolve("release/config.json");
        String withoutCommitter =
                Files.readString(config).replaceAll("(?s)\"committer\": \\{[^}]*\\},", "");
        Files.writeString(config, withoutCommitter);
        Map<String, String> refs = ListRepoFixture.refs(fixture.list);
        CliRun run =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "release",
                        "--key",
                        "absent.asc",
                        "--now",
                        "2026-11-28T12:00:00Z");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no committer"), run.toString());
        assertEquals(refs, ListRepoFixture.refs(fixture.list));

        CliRun half =
                CliRun.of(
                        "-C",
                        fixture.list.toString(),
                        "release",
                        "--key",
                        "absent.asc",
                        "--committer-name",
                        "Only Name");
        assertEquals(2, half.exitCode(), half.toString());
        assertTrue(half.err().contains("--committer-email"), half.toString());
    }

    @Test
    void keyIsRequired() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        CliRun run = CliRun.of("-C", fixture.list.toString(), "release");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--key"), run.toString());
    }

    @Test
    void refusalIsOneLineAndExitOne() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        Files.writeString(fixture.list.resolve("policies/late.example.json"), "{}\n");
        CliRun run = CliRun.of("-C", fixture.list.toString(), "release", "--key", "absent.asc");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(
                run.err()
                        .startsWith(
                                "release: the working tree has uncommitted changes (policies/late.example.json (untracked))"),
                run.toString());
    }

    @Test
    void notAGitRepository() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.createDirectories(plain.resolve("release"));
        Files.copy(Path.of("release/config.json"), plain.resolve("release/config.json"));
        CliRun run = CliRun.of("-C", plain.toString(), "release", "--key", "absent.asc");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not the top of a git working tree"), run.toString());
    }

    @Test
    void publishWithoutAPreparedRelease() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        CliRun run = CliRun.of("-C", fixture.list.toString(), "publish");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("there is no release/policy.json"), run.toString());
    }

    @Test
    void statusWithNothingPublishedIsDue() throws Exception {
        ListRepoFixture fixture = ListRepoFixture.create(dir, key);
        CliRun run = CliRun.of("-C", fixture.list.toString(), "status");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("nothing has been released yet"), run.toString());
        CliRun remote = CliRun.of("-C", fixture.list.toString(), "status", "--remote", "origin");
        assertEquals(1, remote.exitCode(), remote.toString());
        assertTrue(remote.err().contains("origin/main"), remote.toString());
    }
}
