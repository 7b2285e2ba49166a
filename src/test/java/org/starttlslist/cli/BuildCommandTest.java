package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.Trees;

class BuildCommandTest {
    private static final String NOW = "2026-11-28T12:00:00Z";

    @TempDir Path dir;

    private Path starter() {
        return Trees.copyResource("/build/starter", dir.resolve("repo"));
    }

    private static byte[] expected() throws Exception {
        return Files.readAllBytes(
                Path.of(
                        BuildCommandTest.class
                                .getResource("/build/starter/expected.policy.json")
                                .toURI()));
    }

    @Test
    void buildsTheStarterListIntoTarget() throws Exception {
        Path repo = starter();
        CliRun run = CliRun.of("-C", repo.toString(), "build", "--now", NOW);
        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(expected(), Files.readAllBytes(repo.resolve("target/policy.json")));
        assertEquals(
                "wrote target/policy.json: 4 domains (0 enforce, 4 testing), 1 alias, "
                        + "timestamp 2026-11-28T12:00:00Z, expires 2026-12-12T12:00:00Z\n",
                run.out());
        assertEquals("", run.err());
    }

    @Test
    void buildingTwiceGivesTheSameBytes() throws Exception {
        Path repo = starter();
        assertEquals(
                0,
                CliRun.of("-C", repo.toString(), "build", "--now", NOW, "--out", "one.json")
                        .exitCode());
        assertEquals(
                0,
                CliRun.of(
                                "-C",
                                repo.toString(),
                                "build",
                                "--now",
                                "2026-11-28T13:00:00+01:00",
                                "--out",
                                "two.json")
                        .exitCode());
        assertArrayEquals(
                Files.readAllBytes(repo.resolve("one.json")),
                Files.readAllBytes(repo.resolve("two.json")));
    }

    @Test
    void theOrderFilesWereCreatedInDoesNotMatter() throws Exception {
        Path source = Path.of(BuildCommandTest.class.getResource("/build/mixed").toURI());
        List<String> files = new ArrayList<>(Trees.files(source));
        byte[] first = null;
        for (long seed = 1; seed <= 3; seed++) {
            Collections.shuffle(files, new Random(seed));
            Path repo = dir.resolve("repo" + seed);
            for (String file : files) {
                Files.createDirectories(repo.resolve(file).getParent());
                Files.copy(source.resolve(file), repo.resolve(file));
            }
            CliRun run =
                    CliRun.of(
                            "-C",
                            repo.toString(),
                            "build",
                            "--now",
                            "2026-03-01T08:09:10.987654321+02:00");
            assertEquals(0, run.exitCode(), run::toString);
            byte[] bytes = Files.readAllBytes(repo.resolve("target/policy.json"));
            if (first == null) {
                first = bytes;
            }
            assertArrayEquals(first, bytes);
        }
        assertArrayEquals(Files.readAllBytes(source.resolve("expected.policy.json")), first);
    }

    @Test
    void anInvalidSourceWritesNothingAndPrintsTheFindings() throws Exception {
        Path repo = starter();
        Files.writeString(
                repo.resolve("policies/bad.example.json"),
                "{\"contact\": \"a@b.example\", \"mode\": \"strict\", \"mxs\": [\"mx.bad.example\"]}\n");
        CliRun run = CliRun.of("-C", repo.toString(), "build", "--now", NOW);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().contains("policies/bad.example.json:"), run::toString);
        assertTrue(run.out().contains("error mode.invalid"), run::toString);
        assertTrue(
                run.err()
                        .startsWith(
                                "build: 1 error, 0 warnings in the list's sources, first"
                                        + " policies/bad.example.json:1:"),
                run::toString);
        assertTrue(
                run.err()
                        .endsWith("; run 'starttls-list validate' to see all; nothing was built\n"),
                run::toString);
        assertFalse(Files.exists(repo.resolve("target")), "nothing written");
    }

    @Test
    void anInvalidSourceLeavesAnEarlierOutputUntouched() throws Exception {
        Path repo = starter();
        assertEquals(0, CliRun.of("-C", repo.toString(), "build", "--now", NOW).exitCode());
        byte[] before = Files.readAllBytes(repo.resolve("target/policy.json"));
        Files.writeString(repo.resolve("policies/bad.example.json"), "not json");
        assertEquals(
                1,
                CliRun.of("-C", repo.toString(), "build", "--now", "2026-11-29T00:00:00Z")
                        .exitCode());
        assertArrayEquals(before, Files.readAllBytes(repo.resolve("target/policy.json")));
        assertEquals(List.of("policy.json"), Trees.files(repo.resolve("target")));
    }

    @Test
    void aValidityBelowTheMinimumIsRefusedAndNothingWritten() throws Exception {
        Path repo = starter();
        Path config = repo.resolve("release/config.json");
        Files.writeString(
                config,
                Files.readString(config).replace("\"validity-days\": 14", "\"validity-days\": 3"));
        CliRun run = CliRun.of("-C", repo.toString(), "build", "--now", NOW);
        assertEquals(1, run.exitCode(), run::toString);
        // validate catches it first, naming the file and the setting; build never gets to merge.
        assertTrue(
                run.out().contains("release/config.json") && run.out().contains("validity"),
                run::toString);
        assertTrue(run.err().contains("nothing was built"), run::toString);
        assertFalse(Files.exists(repo.resolve("target")));
    }

    @Test
    void aBadNowIsAUsageError() {
        Path repo = starter();
        CliRun run = CliRun.of("-C", repo.toString(), "build", "--now", "yesterday");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("--now 'yesterday' is not an RFC 3339 instant"), run::toString);
        assertFalse(Files.exists(repo.resolve("target")));
    }

    @Test
    void outIsRelativeToTheRepository() throws Exception {
        Path repo = starter();
        CliRun run =
                CliRun.of("-C", repo.toString(), "build", "--now", NOW, "--out", "out/list.json");
        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(expected(), Files.readAllBytes(repo.resolve("out/list.json")));
    }

    @Test
    void sourceDateEpochIsUsedWhenThereIsNoNow() {
        NowOption none = new NowOption();
        assertEquals(
                Instant.ofEpochSecond(1_700_000_000L), BuildCommand.timestamp(none, "1700000000"));
        NowOption given = new NowOption();
        given.now = NOW;
        assertEquals(Instant.parse(NOW), BuildCommand.timestamp(given, "1700000000"));
    }

    @Test
    void aBadSourceDateEpochIsAUsageError() {
        for (String bad : List.of("abc", "-5", "1.5", "99999999999999999999999")) {
            UsageException e =
                    assertThrows(
                            UsageException.class,
                            () -> BuildCommand.timestamp(new NowOption(), bad));
            assertTrue(
                    e.getMessage().startsWith("SOURCE_DATE_EPOCH '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void theOutputIsAscii() throws Exception {
        Path repo = starter();
        assertEquals(0, CliRun.of("-C", repo.toString(), "build", "--now", NOW).exitCode());
        byte[] bytes = Files.readAllBytes(repo.resolve("target/policy.json"));
        assertEquals(
                new String(bytes, StandardCharsets.US_ASCII),
                new String(bytes, StandardCharsets.UTF_8));
    }
}
