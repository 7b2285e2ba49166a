package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestLists;

/**
 * export postfix against a real Postfix configuration directory that already routes TLS policy to
 * an MTA-STS resolver: the printed postconf command, run as printed, keeps the resolver first and
 * adds our table after it.
 */
class PostconfCompositionTest {
    static final String MTA_STS = "socketmap:inet:127.0.0.1:8461:postfix";
    static final Instant NOW = Instant.parse("2026-11-02T00:00:00Z");

    @TempDir Path tmp;
    Path config;
    Path list;

    @BeforeEach
    void postfixConfig() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/postconf")),
                "postconf (Postfix) is not installed");
        config = Files.createDirectories(tmp.resolve("postfix"));
        Files.writeString(
                config.resolve("main.cf"),
                "compatibility_level = 3.6\nsmtp_tls_policy_maps = " + MTA_STS + "\n");
        Files.writeString(config.resolve("master.cf"), "");
        list = tmp.resolve("policy.json");
        Files.write(
                list,
                TestLists.list(
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-15T00:00:00Z"),
                        4));
    }

    private CliRun export(Path table) {
        return CliRun.of(
                "export",
                "postfix",
                "--list",
                list.toString(),
                "--out",
                table.toString(),
                "--postfix-config",
                config.toString(),
                "--now",
                "2026-11-02T00:00:00Z");
    }

    private static String postconf(String... args) throws Exception {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.strip();
    }

    @Test
    void theTableGoesAfterTheMtaStsResolver() throws Exception {
        Path table = tmp.resolve("starttls_policy");
        CliRun run = export(table);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(
                run.out().contains("Current smtp_tls_policy_maps (postconf): " + MTA_STS),
                run.out());

        Matcher command =
                Pattern.compile("  postconf -c (\\S+) -e '(smtp_tls_policy_maps = [^']+)'")
                        .matcher(run.out());
        assertTrue(command.find(), run.out());
        postconf("/usr/sbin/postconf", "-c", command.group(1), "-e", command.group(2));

        String value =
                postconf(
                        "/usr/sbin/postconf",
                        "-c",
                        config.toString(),
                        "-h",
                        "smtp_tls_policy_maps");
        assertEquals(
                List.of(MTA_STS, "hash:" + table.toAbsolutePath()), PostfixPolicyMaps.maps(value));
    }

    @Test
    void alreadyThere_nothingToChange() throws Exception {
        Path table = tmp.resolve("starttls_policy");
        Files.writeString(
                config.resolve("main.cf"),
                "smtp_tls_policy_maps = " + MTA_STS + ",\n  hash:" + table.toAbsolutePath() + "\n");
        CliRun run = export(table);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(
                run.out()
                        .contains(
                                "already uses hash:"
                                        + table.toAbsolutePath()
                                        + "; nothing to change"),
                run.out());
        assertTrue(!run.out().contains("postconf -c"), run.out());
    }

    @Test
    void compose_keepsEverythingInOrder() {
        assertEquals(Optional.of("hash:/t"), PostfixPolicyMaps.compose("", "hash:/t"));
        assertEquals(
                Optional.of("socketmap:inet:x:1:postfix, hash:/own, hash:/t"),
                PostfixPolicyMaps.compose(" socketmap:inet:x:1:postfix, hash:/own ", "hash:/t"));
        assertEquals(Optional.empty(), PostfixPolicyMaps.compose("socketmap:a hash:/t", "hash:/t"));
    }
}
