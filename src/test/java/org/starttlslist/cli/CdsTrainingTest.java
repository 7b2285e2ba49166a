package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' class-data-sharing training run (see {@link CdsTraining}) still runs every hot
 * command to success: a step that fails early (a renamed option, a new required file) would leave
 * that command's classes out of the archive without anyone noticing but the benchmarks.
 */
class CdsTrainingTest {
    @TempDir Path scratch;

    @Test
    void everyStepSucceedsAndLeavesItsOutputInTheScratchDirectory() throws Exception {
        List<String> failed = CdsTraining.run(scratch);
        assertEquals(List.of(), failed);
        assertTrue(Files.size(scratch.resolve("policy.json.asc")) > 0, "sign ran");
        assertTrue(Files.isDirectory(scratch.resolve("installed/current")), "mirror installed");
        String table = Files.readString(scratch.resolve("tls_policy"));
        assertTrue(table.contains("d0.example.org"), table);
        try (java.util.stream.Stream<Path> sources = Files.list(scratch.resolve("repo/policies"))) {
            assertEquals(
                    CdsTraining.DOMAINS + 1,
                    sources.filter(p -> p.toString().endsWith(".json")).count(),
                    "every seeded domain was imported");
        }
    }
}
