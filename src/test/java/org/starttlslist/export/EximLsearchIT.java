package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.export.senders.EximSender;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.SharedFixtures;

/** The exported file, read by the real Exim's {@code lsearch} and expanded as the snippet does. */
class EximLsearchIT {
    @Test
    void eximReadsEveryEnforceLineOfTheRealListAsWritten(@TempDir Path dir) throws IOException {
        Path list = SharedFixtures.require("fixtures/eff/policy.json");
        Path key = SharedFixtures.require("fixtures/eff/public-key.txt");
        EximSender.requireAvailable();
        Path out = Files.createDirectories(dir.resolve("export")).resolve("exim_tls_policy");
        // Its own validity: it expired in 2020.
        CliRun export =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        list.toString(),
                        "--keys",
                        key.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        "2020-05-25T00:00:00Z");
        assertEquals(0, export.exitCode(), export.toString());
        // No DNS is asked: -be only expands.
        EximSender exim =
                EximSender.start(dir.resolve("exim"), InetAddress.getLoopbackAddress(), key, out);

        List<String> lookups = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (!line.startsWith("#")) {
                int colon = line.indexOf(':');
                lookups.add("${lookup{" + line.substring(0, colon) + "}lsearch{" + out + "}}");
                expected.add(line.substring(colon + 1).strip());
            }
        }
        assertTrue(
                expected.size() > 300,
                "the real list has hundreds of enforce domains: " + expected.size());
        assertEquals(expected, exim.expand(lookups));
    }

    @Test
    void theSnippetsIgnoreListKeepsOnlyTheDomainsPatternsAndNothingElseIsFound(@TempDir Path dir)
            throws IOException {
        EximSender.requireAvailable();
        Path list =
                ExportPostfixTest.writeList(dir, ExportPostfixTest.list("2026-12-04T00:00:00Z"));
        Path out = Files.createDirectories(dir.resolve("export")).resolve("exim_tls_policy");
        CliRun export =
                CliRun.of(
                        "export",
                        "exim",
                        "--list",
                        list.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(0, export.exitCode(), export.toString());
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not read by -be\n");
        EximSender exim =
                EximSender.start(dir.resolve("exim"), InetAddress.getLoopbackAddress(), ca, out);
        String ignore = "${map{${lookup{example.com}lsearch{" + out + "}}}{! $item}} : *";
        assertEquals(
                List.of(
                        "! ^(?i)mx1\\.example\\.com$:! ^(?i)[^.]+\\.mail\\.example\\.com$ : *",
                        "^(?i)[^.]+\\.mx\\.hoster\\.example$",
                        "absent",
                        "absent"),
                exim.expand(
                        List.of(
                                ignore,
                                "${lookup{b.example}lsearch{" + out + "}}",
                                // Keys are exact: not the testing domain, not a subdomain of an
                                // enforced one.
                                "${lookup{example.org}lsearch{" + out + "}{found}{absent}}",
                                "${lookup{sub.example.com}lsearch{" + out + "}{found}{absent}}")));
    }
}
