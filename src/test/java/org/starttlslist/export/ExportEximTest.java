package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.starttlslist.model.MxPattern;
import org.starttlslist.testing.CliRun;

/** {@code export exim}: the lsearch file, its rules (shared with Postfix), and the snippet. */
class ExportEximTest {
    static final String NOW = ExportPostfixTest.NOW;
    static final String VALID = "2026-12-04T00:00:00Z";

    @Test
    void enforceLinesAreSortedTestingIsACommentAliasesAreResolved(@TempDir Path dir)
            throws IOException {
        Path file = ExportPostfixTest.writeList(dir, ExportPostfixTest.list(VALID));
        Path out = dir.resolve("exim_policy");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(
                EximPolicyFile.HEADER
                        + """
                b.example:    ^(?i)[^.]+\\.mx\\.hoster\\.example$
                example.com:  ^(?i)mx1\\.example\\.com$ : ^(?i)[^.]+\\.mail\\.example\\.com$
                # example.org: undefined due to testing policy
                """,
                Files.readString(out));
        assertTrue(run.out().contains("2 enforce, 1 testing"), run.out());
        // The snippet, with the absolute path of the file just written.
        assertTrue(run.out().contains("  domains = lsearch;" + out.toAbsolutePath()), run.out());
        assertTrue(
                run.out().contains("${lookup{$domain}lsearch{" + out.toAbsolutePath() + "}}"),
                run.out());
        assertTrue(run.out().contains("  tls_verify_certificates = system"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void earlyAdopterEnforcesTestingDomainsAndTheDefaultFileIsBesideTheList(@TempDir Path dir)
            throws IOException {
        Path file = ExportPostfixTest.writeList(dir, ExportPostfixTest.list(VALID));
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--early-adopter",
                        "--now",
                        NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(
                EximPolicyFile.HEADER
                        + """
                b.example:    ^(?i)[^.]+\\.mx\\.hoster\\.example$
                example.com:  ^(?i)mx1\\.example\\.com$ : ^(?i)[^.]+\\.mail\\.example\\.com$
                example.org:  ^(?i)mx\\.example\\.org$
                """,
                Files.readString(dir.resolve("exim_tls_policy")));
    }

    @Test
    void expiredListGivesTheFallbackLineAndActionRequired(@TempDir Path dir) throws IOException {
        Path file =
                ExportPostfixTest.writeList(dir, ExportPostfixTest.list("2026-11-28T12:00:00Z"));
        Path out = dir.resolve("exim_policy");
        Files.writeString(out, "example.com: ^old$\n");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(
                "# Policy list is outdated. Falling back to opportunistic encryption.\n",
                Files.readString(out));
        assertTrue(run.err().startsWith("ACTION REQUIRED: the policy list at " + file), run.err());
        assertEquals(
                "Wrote the fallback file " + out + "; Exim reads it at the next delivery.\n",
                run.out());
    }

    @Test
    void anEmptyListGivesOneComment(@TempDir Path dir) throws IOException {
        String empty =
                ExportPostfixTest.list(VALID)
                        .replaceAll("(?s)\"policies\": \\{.*?\\n  \\}", "\"policies\": {}");
        Path file = ExportPostfixTest.writeList(dir, empty);
        CliRun run = CliRun.of("export", "exim", "--list", file.toString(), "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(
                "# The policy list names no domains.\n",
                Files.readString(dir.resolve("exim_tls_policy")));
    }

    @Test
    void aBadListIsRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path file =
                ExportPostfixTest.writeList(
                        dir,
                        ExportPostfixTest.list(VALID)
                                .replace(
                                        "\"policy-alias\": \"hoster\"",
                                        "\"policy-alias\": \"nobody\""));
        Path out = dir.resolve("exim_policy");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains("/policies/b.example/policy-alias: refers to the alias 'nobody'"),
                run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailedExportLeavesThePreviousFileInPlace(@TempDir Path dir) throws IOException {
        Path file = ExportPostfixTest.writeList(dir, "{\"timestamp\": \"2026-11-20T00:00:00Z\"}");
        Path out = dir.resolve("exim_policy");
        Files.writeString(out, "example.com: ^previous$\n");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("example.com: ^previous$\n", Files.readString(out));
        try (var listing = Files.list(dir)) {
            assertEquals(
                    List.of("exim_policy", "policy.json"),
                    listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * The exported expression says exactly what the list's rule says, for the backend's own cases
     * and more.
     */
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
        "mx1.example.com, mx1.example.com",
        "mx1.example.com, MX1.Example.COM",
        "mx1.example.com, mx1xexample.com",
        "mx1.example.com, a.mx1.example.com",
        "mx1.example.com, mx1.example.com.evil.test",
        ".mail.example.com, a.mail.example.com",
        ".mail.example.com, A-1.Mail.example.com",
        ".mail.example.com, a.b.mail.example.com",
        ".mail.example.com, mail.example.com",
        ".mail.example.com, .mail.example.com",
        ".mail.example.com, amail.example.com",
        ".mail.example.com, a.mail.example.com.evil.test",
        ".mail.example.com, a.mailxexample.com",
    })
    void theHostPatternIsTheListsOneLabelRule(String pattern, String host) {
        MxPattern mx = new MxPattern(pattern);
        // Exim (PCRE2) and java.util.regex agree on this small subset: anchors, (?i), [^.]+ and \.
        boolean exim = Pattern.compile(EximPolicyFile.hostPattern(mx)).matcher(host).find();
        assertEquals(
                mx.matches(host.toLowerCase(java.util.Locale.ROOT)),
                exim,
                EximPolicyFile.hostPattern(mx));
    }

    @Test
    void theSnippetRefusesAPathEximWouldMisread() {
        assertThrows(
                IllegalArgumentException.class,
                () -> EximPolicyFile.snippet(Path.of("/etc/a:b"), "system"));
        assertThrows(
                IllegalArgumentException.class,
                () -> EximPolicyFile.snippet(Path.of("/etc/$x"), "system"));
    }

    @Test
    void anOutputPathEximWouldMisreadIsAUsageErrorAndNothingIsWritten(@TempDir Path dir)
            throws IOException {
        Path file = ExportPostfixTest.writeList(dir, ExportPostfixTest.list(VALID));
        Path out = dir.resolve("exim:policy");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(
                run.err()
                        .contains(
                                "Exim cannot use the path "
                                        + out
                                        + " in its configuration: it contains ':'"),
                run.err());
        try (var listing = Files.list(dir)) {
            assertEquals(
                    List.of("policy.json"), listing.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The README's snippet is the one the code prints and the end-to-end test runs. */
    @Test
    void theReadmeShowsTheSnippetTheCommandPrints() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String snippet =
                EximPolicyFile.snippet(
                        Path.of("/etc/exim4/starttls_policy"), EximPolicyFile.SYSTEM_TRUST);
        assertTrue(
                readme.contains("```\n" + snippet + "```\n"),
                "README.md's Exim snippet differs from:\n" + snippet);
    }
}
