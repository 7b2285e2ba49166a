package org.starttlslist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a new user runs it: a fresh {@code git clone} of this project, then
 * {@code ./starttls-list demo} in it, with a HOME that has no git or GnuPG configuration.
 */
class DemoFromFreshCloneIT {
    @TempDir Path dir;

    @Test
    void demoRunsInAFreshClone() throws Exception {
        Path jar = Path.of("target/starttls-list.jar").toAbsolutePath();
        assumeTrue(Files.exists(jar), "skipped: " + jar + " is not built (run through mvn verify)");
        assumeTrue(Files.exists(Path.of(".git")), "skipped: the project is not a git clone");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path clone = dir.resolve("clone");
        Result cloned =
                run(
                        dir,
                        home,
                        "git",
                        "clone",
                        "-q",
                        "--no-hardlinks",
                        Path.of("").toAbsolutePath().toString(),
                        clone.toString());
        assumeTrue(cloned.exitCode == 0, "skipped: git clone failed: " + cloned.output);

        // The README's command, through the launcher. The jar this build made stands in for the
        // one the launcher would build with Maven on a first run (that path is the same 'mvn
        // package' this build just ran).
        Files.createDirectories(clone.resolve("target"));
        Files.copy(jar, clone.resolve("target/starttls-list.jar"));
        Result demo = run(clone, home, "sh", "./starttls-list", "demo");
        assertEquals(0, demo.exitCode, demo.output);
        assertTrue(demo.output.contains("push: main and list-"), demo.output);
        Path target = clone.resolve("target/demo");
        assertTrue(Files.exists(target.resolve("publish.git")), demo.output);
        assertTrue(Files.exists(target.resolve("list/release/policy.json.asc")), demo.output);
        assertTrue(Files.exists(target.resolve("mirror/current/policy.json")), demo.output);
        assertTrue(Files.exists(target.resolve("postfix/tls_policy")), demo.output);

        Result status = run(clone, home, "git", "status", "--porcelain");
        assertEquals(
                "",
                status.output.strip(),
                "the demo leaves the clone itself unchanged (target/ is ignored)");
        assertTrue(Files.notExists(home.resolve(".gitconfig")));
        assertTrue(Files.notExists(home.resolve(".gnupg")));
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path workDir, Path home, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(new ArrayList<>(List.of(command)))
                        .directory(workDir.toFile())
                        .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_") || name.equals("GNUPGHOME"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
                process.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Result(process.exitValue(), output);
    }
}
