package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.verify.InputCaps;

class ExportPostfixTest {
    static final String NOW = "2026-11-28T12:00:00Z";

    /** A list valid from 2026-11-20 to 2026-12-04 with enforce, testing and aliased domains. */
    static String list(String expires) {
        return """
                {
                  "timestamp": "2026-11-20T00:00:00Z",
                  "expires": "%s",
                  "version": "0.1",
                  "author": "test",
                  "policy-aliases": {
                    "hoster": {"mode": "enforce", "mxs": [".mx.hoster.example"]}
                  },
                  "policies": {
                    "example.org": {"mode": "testing", "mxs": ["mx.example.org"]},
                    "b.example": {"policy-alias": "hoster"},
                    "example.com": {"mode": "enforce", "mxs": ["mx1.example.com", ".mail.example.com"]}
                  }
                }
                """
                .formatted(expires);
    }

    static Path writeList(Path dir, String text) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void enforceLinesAreSortedTestingIsACommentAliasesAreResolved(@TempDir Path dir)
            throws IOException {
        Path file = writeList(dir, list("2026-12-04T00:00:00Z"));
        Path out = dir.resolve("table");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(
                """
                b.example    secure match=.mx.hoster.example
                example.com  secure match=mx1.example.com:.mail.example.com
                # example.org undefined due to testing policy
                """,
                Files.readString(out));
        assertTrue(run.out().contains("postmap hash:" + out.toAbsolutePath()), run.out());
        assertTrue(
                run.out().contains("smtp_tls_policy_maps = hash:" + out.toAbsolutePath()),
                run.out());
        assertTrue(run.out().contains("2 enforce, 1 testing"), run.out());
        assertTrue(run.out().contains("NOT checked"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void earlyAdopterEnforcesTestingDomains(@TempDir Path dir) throws IOException {
        Path file = writeList(dir, list("2026-12-04T00:00:00Z"));
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        file.toString(),
                        "--early-adopter",
                        "--now",
                        NOW);
        assertEquals(0, run.exitCode(), run.toString());
        // Without --out the table goes beside the list.
        assertEquals(
                """
                b.example    secure match=.mx.hoster.example
                example.com  secure match=mx1.example.com:.mail.example.com
                example.org  secure match=mx.example.org
                """,
                Files.readString(dir.resolve("postfix_tls_policy")));
    }

    @Test
    void expiredListGivesTheFallbackLineAndActionRequired(@TempDir Path dir) throws IOException {
        Path file = writeList(dir, list("2026-11-28T12:00:00Z"));
        Path out = dir.resolve("table");
        Files.writeString(out, "old table\n");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
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
        assertTrue(run.err().contains("expired at 2026-11-28T12:00:00Z"), run.err());
    }

    @Test
    void aListExpiringWithin48HoursIsExportedWithAWarning(@TempDir Path dir) throws IOException {
        Path file = writeList(dir, list("2026-11-29T12:00:00Z"));
        CliRun run = CliRun.of("export", "postfix", "--list", file.toString(), "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("warning: the list expires in 24 hours"), run.err());
    }

    @Test
    void aMalformedListIsRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path file = writeList(dir, "{\"timestamp\": \"2026-11-20T00:00:00Z\"}");
        Path out = dir.resolve("table");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains(file + ": /: required property 'expires' not found"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnusableListIsRefusedWithItsFileAndPointer(@TempDir Path dir) throws IOException {
        Path file =
                writeList(
                        dir,
                        list("2026-12-04T00:00:00Z")
                                .replace(
                                        "\"policy-alias\": \"hoster\"",
                                        "\"policy-alias\": \"nobody\""));
        Path out = dir.resolve("table");
        var e =
                assertThrows(
                        UnusableListException.class,
                        () ->
                                new ListExporter(new PostfixPolicyMap(false))
                                        .export(
                                                new ListExporter.Request(
                                                        file,
                                                        dir.resolve("policy.json.asc"),
                                                        Optional.empty(),
                                                        Instant.parse(NOW),
                                                        out,
                                                        InputCaps.defaults())));
        assertEquals(file, e.file());
        assertEquals("/policies/b.example/policy-alias", e.pointer());
        assertFalse(Files.exists(out));
    }

    @Test
    void aLeadingDotDomainIsRefusedBecausePostfixWouldApplyItToSubdomains(@TempDir Path dir)
            throws IOException {
        Path file =
                writeList(
                        dir,
                        list("2026-12-04T00:00:00Z")
                                .replace("\"example.com\"", "\".example.com\""));
        Path out = dir.resolve("table");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(
                run.err().contains(file + ": /policies: property '.example.com' name is not valid"),
                run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aReferenceToAMissingAliasIsRefused(@TempDir Path dir) throws IOException {
        Path file =
                writeList(
                        dir,
                        list("2026-12-04T00:00:00Z")
                                .replace(
                                        "\"policy-alias\": \"hoster\"",
                                        "\"policy-alias\": \"nobody\""));
        Path out = dir.resolve("table");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
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
    void aMissingListOrSignatureCannotComplete(@TempDir Path dir) throws IOException {
        CliRun missing =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        dir.resolve("nope.json").toString(),
                        "--now",
                        NOW);
        assertEquals(3, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());

        Path file = writeList(dir, list("2026-12-04T00:00:00Z"));
        Path key =
                org.starttlslist.testing.TestKeys.ed25519("export-missing")
                        .writePublic(dir.resolve("keys"));
        CliRun unsigned =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        file.toString(),
                        "--keys",
                        key.toString(),
                        "--now",
                        NOW);
        assertEquals(3, unsigned.exitCode(), unsigned.toString());
        assertTrue(unsigned.err().contains("policy.json.asc does not exist"), unsigned.err());
        assertFalse(Files.exists(dir.resolve("postfix_tls_policy")));
    }

    @Test
    void exportWithoutAnMtaIsAUsageError() {
        CliRun run = CliRun.of("export");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("export postfix"), run.err());
    }

    @Test
    void aMirrorDirectoryIsReadThroughItsCurrentLink(@TempDir Path dir) throws IOException {
        Path release = dir.resolve("releases").resolve("20261120T000000Z-0123456789ab");
        Files.createDirectories(release);
        Files.writeString(
                release.resolve("policy.json"),
                list("2026-12-04T00:00:00Z"),
                StandardCharsets.UTF_8);
        Files.createSymbolicLink(
                dir.resolve("current"), Path.of("releases", "20261120T000000Z-0123456789ab"));
        CliRun run = CliRun.of("export", "postfix", "--list", dir.toString(), "--now", NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(
                Files.readString(dir.resolve("postfix_tls_policy"))
                        .startsWith("b.example    secure"));
    }
}
