package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.starttlslist.validate.ValidateCorpusTest.CONFIG;
import static org.starttlslist.validate.ValidateCorpusTest.NOW;
import static org.starttlslist.validate.ValidateCorpusTest.utf8;
import static org.starttlslist.validate.ValidateCorpusTest.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;

/**
 * Bad inputs that are made by the test rather than committed: huge, deeply nested, binary, or
 * symbolic links. Each must give exactly one finding at the right place, never a crash.
 */
class GeneratedInputsTest {
    static final String DOMAIN =
            """
            {
              "contact": "postmaster@example.com",
              "mode": "testing",
              "mxs": ["mx1.example.com"]
            }
            """;

    @TempDir Path repo;

    @BeforeEach
    void config() throws IOException {
        write(repo.resolve("release/config.json"), utf8(CONFIG));
        write(repo.resolve("policies/example.org.json"), utf8(DOMAIN));
    }

    private CliRun validate() {
        return CliRun.of("-C", repo.toString(), "validate", "--now", NOW);
    }

    @Test
    void byteOrderMark() throws IOException {
        byte[] text = utf8(DOMAIN);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        write(repo.resolve("policies/example.com.json"), bytes);
        CliRun run = validate();
        assertEquals(
                "policies/example.com.json:1:1: error file.bom: the file starts with a UTF-8 byte-order mark; "
                        + "save it as UTF-8 without BOM\n",
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
    }

    @Test
    void invalidUtf8IsReportedAtItsByte() throws IOException {
        // Latin-1 'ü' (0xFC) on line 2, column 18, as an editor in the wrong encoding writes it.
        byte[] bytes =
                utf8(
                        "{\n  \"contact\": \"m\u00fcller@example.com\",\n  \"mode\": \"testing\",\n  \"mxs\": [\"mx1.example.com\"]\n}\n");
        byte[] latin1 = new byte[bytes.length - 1];
        int at = 0;
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0xC3) {
                latin1[at++] = (byte) 0xFC;
                i++;
            } else {
                latin1[at++] = bytes[i];
            }
        }
        write(repo.resolve("policies/example.com.json"), latin1);
        CliRun run = validate();
        assertEquals(
                "policies/example.com.json:2:16: error file.not-utf8: the file is not valid UTF-8 (byte offset 17); save it as UTF-8\n",
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
    }

    @Test
    void tenMegabyteFileIsAFindingNotAnOutOfMemory() throws IOException {
        Path huge = repo.resolve("policies/example.com.json");
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write(
                    utf8(
                            "{\"contact\": \"postmaster@example.com\", \"mode\": \"testing\", \"mxs\": ["));
            byte[] entry = utf8("\"mx1.example.com\",");
            for (long written = 0; written < 10L * 1024 * 1024; written += entry.length) {
                out.write(entry);
            }
            out.write(utf8("\"mx2.example.com\"]}"));
        }
        CliRun run = validate();
        assertEquals(
                "policies/example.com.json:1:1: error file.too-large: the file is larger than 65536 bytes (64 KiB), "
                        + "far more than one domain's policy needs; shorten it\n",
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
    }

    @Test
    void hundredThousandNestedArraysAreAFindingNotAStackOverflow() throws IOException {
        int depth = 100_000;
        // 200,000 bytes would already be too large; the depth limit must hold below the size cap
        // too.
        write(
                repo.resolve("policies/example.com.json"),
                utf8("[".repeat(depth) + "]".repeat(depth)));
        write(
                repo.resolve("policies/example.net.json"),
                utf8("[".repeat(30_000) + "]".repeat(30_000)));
        CliRun run = validate();
        assertEquals(
                "policies/example.com.json:1:1: error file.too-large: the file is larger than 65536 bytes (64 KiB), "
                        + "far more than one domain's policy needs; shorten it\n"
                        + "policies/example.net.json:1:65: error json.too-deep: the JSON nests deeper than 64 levels; a source file nests at most 3\n",
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
    }

    @Test
    void symbolicLinksAreRefusedNeverFollowed() throws IOException {
        Path outside = Files.createTempFile("outside-", ".json");
        try {
            Files.writeString(outside, DOMAIN);
            Files.createSymbolicLink(repo.resolve("policies/example.com.json"), outside);
            Path elsewhere = Files.createDirectories(repo.resolve("elsewhere"));
            Files.writeString(
                    elsewhere.resolve("provider.json"),
                    "{\"mode\": \"testing\", \"mxs\": [\".mx.example.net\"]}");
            Files.createSymbolicLink(repo.resolve("policies/aliases"), elsewhere);
            CliRun run = validate();
            String refused =
                    ": error file.symlink: symbolic links are not allowed under policies/ (they can point outside the "
                            + "repository); replace it with a regular file\n";
            assertEquals(
                    "policies/aliases:1:1" + refused + "policies/example.com.json:1:1" + refused,
                    run.out(),
                    run.toString());
            assertEquals(1, run.exitCode());

            CliRun named =
                    CliRun.of(
                            "-C",
                            repo.toString(),
                            "validate",
                            "--now",
                            NOW,
                            "policies/example.com.json",
                            "policies/aliases/provider.json");
            assertEquals(
                    "policies/aliases:1:1" + refused + "policies/example.com.json:1:1" + refused,
                    named.out(),
                    named.toString());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aSymbolicLinkedPoliciesDirectoryIsRefused() throws IOException {
        Path real = Files.createDirectories(repo.resolve("real-policies"));
        Files.move(repo.resolve("policies/example.org.json"), real.resolve("example.org.json"));
        Files.delete(repo.resolve("policies"));
        Files.createSymbolicLink(repo.resolve("policies"), real);
        CliRun run = validate();
        assertEquals(
                "policies:1:1: error file.symlink: symbolic links are not allowed under policies/ (they can point outside the "
                        + "repository); replace it with a regular file\n",
                run.out(),
                run.toString());
        assertEquals(1, run.exitCode());
    }
}
