package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;

/** The exported table, compiled and queried by the real Postfix {@code postmap}. */
class PostfixPostmapIT {
    record Result(int exit, String out) {}

    static Path postmap() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/usr/local/sbin")) {
            Path candidate = Path.of(dir, "postmap");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        assumeTrue(
                false,
                "skipped: postmap is not installed (apt-get install postfix; CI installs it)");
        return null;
    }

    /** Runs postmap with its own empty configuration directory, so /etc/postfix is never needed. */
    static Result postmap(Path config, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(postmap().toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), out);
    }

    @Test
    void postmapCompilesTheTableAndAnswersForEnforceDomainsOnly(@TempDir Path dir)
            throws Exception {
        Path config = Files.createDirectories(dir.resolve("postfix-config"));
        Files.writeString(config.resolve("main.cf"), "");
        Path list =
                ExportPostfixTest.writeList(dir, ExportPostfixTest.list("2026-12-04T00:00:00Z"));
        Path table = dir.resolve("postfix_tls_policy");
        CliRun export =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--out",
                        table.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(0, export.exitCode(), export.toString());

        Result compiled = postmap(config, "hash:" + table);
        assertEquals(0, compiled.exit(), compiled.out());
        assertEquals(
                new Result(0, "secure match=mx1.example.com:.mail.example.com\n"),
                postmap(config, "-q", "example.com", "hash:" + table));
        assertEquals(
                new Result(0, "secure match=.mx.hoster.example\n"),
                postmap(config, "-q", "b.example", "hash:" + table));
        // Keys are exact: neither the testing domain nor a subdomain of an enforce domain is found.
        assertEquals(new Result(1, ""), postmap(config, "-q", "example.org", "hash:" + table));
        assertEquals(new Result(1, ""), postmap(config, "-q", "sub.example.com", "hash:" + table));
    }

    @Test
    void theExpiredFallbackIsAValidEmptyTable(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("postfix-config"));
        Files.writeString(config.resolve("main.cf"), "");
        Path list =
                ExportPostfixTest.writeList(dir, ExportPostfixTest.list("2026-11-01T00:00:00Z"));
        Path table = dir.resolve("postfix_tls_policy");
        CliRun export =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--out",
                        table.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(1, export.exitCode(), export.toString());
        assertEquals(0, postmap(config, "hash:" + table).exit());
        assertEquals(new Result(1, ""), postmap(config, "-q", "example.com", "hash:" + table));
    }
}
