package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.TestKeys;

/**
 * A run that needs more memory than Java was given (a --max-list-bytes raised past a heap cap set
 * in STARTTLS_LIST_JAVA_OPTS) ends as "could not complete": exit 3, one line naming the fix, no
 * stack trace, and for mirror nothing installed. Run as a real JVM with a 16 MB heap on a 24 MB
 * list.
 */
class OutOfMemoryIT {
    @TempDir static Path dir;
    static Path keys;
    static Path source;

    @BeforeAll
    static void files() throws Exception {
        keys = Files.write(dir.resolve("key.asc"), TestKeys.ed25519("oom").publicKey());
        source = Files.createDirectories(dir.resolve("source"));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (OutputStream out = Files.newOutputStream(source.resolve("policy.json"))) {
            for (int i = 0; i < 24; i++) {
                out.write(spaces);
            }
        }
        Files.writeString(source.resolve("policy.json.asc"), "not read");
    }

    private static String[] run(String... args) throws Exception {
        Path jar = Path.of("target", "starttls-list.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "target/starttls-list.jar is not built");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx16m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(process.waitFor()), out, err};
    }

    private static void assertOneLine(String[] result) {
        assertEquals("3", result[0], result[2]);
        String err = result[2].strip();
        assertFalse(err.contains("\n"), err);
        assertFalse(err.contains("\tat "), err);
        assertTrue(err.contains("not enough memory"), err);
        assertTrue(err.contains("STARTTLS_LIST_JAVA_OPTS"), err);
    }

    @Test
    void verifyThatRunsOutOfMemorySaysSoAndExits3() throws Exception {
        String[] result =
                run(
                        "verify",
                        source.resolve("policy.json").toString(),
                        "--keys",
                        keys.toString(),
                        "--max-list-bytes",
                        "67108864");
        assertOneLine(result);
    }

    @Test
    void mirrorThatRunsOutOfMemoryInstallsNothing() throws Exception {
        Path into = dir.resolve("mirror");
        String[] result =
                run(
                        "mirror",
                        "--from",
                        source.toString(),
                        "--into",
                        into.toString(),
                        "--keys",
                        keys.toString(),
                        "--max-list-bytes",
                        "67108864");
        assertOneLine(result);
        assertFalse(
                Files.exists(into.resolve("current"), LinkOption.NOFOLLOW_LINKS),
                "nothing may be installed");
    }
}
