package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.SharedFixtures;

/**
 * The predecessor's unmerged Exim branch (starttls-policy-cli @ 831eea8, transcribed into
 * ../shared). Its route list cannot be kept: it routed each domain to its MX patterns as if they
 * were hosts ({@code .valid.example-recipient.com: .valid.example-recipient.com}), which no
 * resolver can reach for a suffix, and it checked no certificate name. What must stay the same is
 * which domains are enforced and which are left alone, and the expired fallback line.
 */
class PredecessorEximOutputTest {
    static final String BRANCH = "fixtures/starttls-policy-cli/upstream-inline/exim-branch/";
    static final String INPUTS = PredecessorPostfixOutputTest.DIR;

    @Test
    void theSameDomainsAreEnforcedAndTheSameAreLeftAlone(@TempDir Path tmp) throws IOException {
        String theirs =
                new String(
                        SharedFixtures.bytes(BRANCH + "simple_policy.expected.exim_tls_policy"),
                        StandardCharsets.US_ASCII);
        String ours = export(tmp, "test_json.input.json", 0);
        // Their keys had the input's leading dot, which the format refuses (see the Postfix test).
        assertEquals(
                domainsAndModes(theirs.replaceAll("(?m)^(# )?\\.", "$1")), domainsAndModes(ours));
        assertEquals(
                EximPolicyFile.HEADER
                        + """
                # testing.example-recipient.com: undefined due to testing policy
                valid.example-recipient.com:    ^(?i)[^.]+\\.valid\\.example-recipient\\.com$
                """,
                ours);
    }

    @Test
    void theExpiredFallbackIsTheirLineByteForByte(@TempDir Path tmp) throws IOException {
        byte[] theirs = SharedFixtures.bytes(BRANCH + "expired_policy.expected.all-three-files");
        assertEquals(
                new String(theirs, StandardCharsets.US_ASCII),
                export(tmp, "test_json_expired.input.json", 1));
    }

    /** "enforce domain" or "testing domain", one per line, sorted. */
    private static List<String> domainsAndModes(String file) {
        List<String> result = new ArrayList<>();
        for (String line : file.split("\n")) {
            if (line.endsWith(": undefined due to testing policy")) {
                result.add("testing " + line.substring(2, line.indexOf(':')));
            } else if (!line.startsWith("#") && !line.isBlank()) {
                result.add("enforce " + line.substring(0, line.indexOf(':')));
            }
        }
        result.sort(null);
        return result;
    }

    private static String export(Path tmp, String input, int exitCode) throws IOException {
        String text =
                new String(SharedFixtures.bytes(INPUTS + input), StandardCharsets.UTF_8)
                        .replaceFirst("\\{", "{\"version\": \"0.1\", \"policy-aliases\": {},")
                        .replace("\".valid.", "\"valid.")
                        .replace("\".testing.", "\"testing.")
                        .replace("[\"valid.", "[\".valid.")
                        .replace("[\"testing.", "[\".testing.");
        Path list = tmp.resolve("policy.json");
        Files.writeString(list, text);
        Path out = tmp.resolve("exim_tls_policy");
        CliRun run =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        list.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        "2026-11-28T00:00:00Z");
        assertEquals(exitCode, run.exitCode(), run.toString());
        return Files.readString(out);
    }
}
