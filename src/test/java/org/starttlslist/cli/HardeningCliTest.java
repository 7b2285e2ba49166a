package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;
import org.starttlslist.testing.Trees;

/**
 * Issue #9 end to end: each finding through the command line, as an operator meets it. One line on
 * stderr, the documented exit code, no stack trace, nothing written.
 */
class HardeningCliTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant SIGNED = NOW.minus(Duration.ofHours(1));
    static final TestKey ALICE = TestKeys.ed25519("hardening-alice");

    @TempDir Path dir;
    Path list;
    Path key;

    @BeforeEach
    void files() throws IOException {
        key = ALICE.writePublic(dir.resolve("keys"));
        list = dir.resolve("policy.json");
        write(TestLists.list(SIGNED, NOW.plus(Duration.ofDays(13)), 5), SIGNED);
    }

    void write(byte[] bytes, Instant signedAt) throws IOException {
        Files.write(list, bytes);
        Files.write(dir.resolve("policy.json.asc"), ALICE.sign(bytes, signedAt));
    }

    String text() throws IOException {
        return Files.readString(list);
    }

    CliRun verify(String... extra) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "verify",
                                list.toString(),
                                "--keys",
                                key.toString(),
                                "--now",
                                NOW.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertOneLine(CliRun run, int exit, String fragment) {
        assertEquals(exit, run.exitCode(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains(fragment), run::toString);
        assertFalse(run.err().contains("internal error"), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void finding2_aBackdatedSignatureByAnExpiredKeyIsRefused() throws IOException {
        TestKey expired = TestKeys.expiring("hardening-expired", Duration.ofDays(2000));
        byte[] bytes = Files.readAllBytes(list);
        Files.write(
                dir.resolve("policy.json.asc"),
                expired.sign(bytes, Instant.parse("2025-01-01T00:00:00Z")));
        CliRun run =
                CliRun.of(
                        "verify",
                        list.toString(),
                        "--keys",
                        expired.writePublic(dir.resolve("k2")).toString(),
                        "--now",
                        NOW.toString());
        assertOneLine(run, 1, "before the list's timestamp");
    }

    @Test
    void finding2_aListValidTooLongIsRefusedUnlessTheOptionAllowsIt() throws IOException {
        write(TestLists.list(SIGNED, SIGNED.plus(Duration.ofDays(400)), 2), SIGNED);
        assertOneLine(
                verify(), 1, "longer than the 31 days allowed; refused (raise --max-validity");
        assertEquals(0, verify("--max-validity", "400").exitCode());
        assertOneLine(verify("--max-validity", "0"), 2, "--max-validity 0");
    }

    @Test
    void finding2_signRefusesADateBeforeTheListsTimestamp() throws IOException {
        Path secret = ALICE.writeSecret(dir.resolve("secret"));
        Path passphrase = Files.writeString(dir.resolve("pass"), TestKeys.PASSPHRASE + "\n");
        Files.delete(dir.resolve("policy.json.asc"));
        CliRun run =
                CliRun.of(
                        "sign",
                        list.toString(),
                        "--key",
                        secret.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--now",
                        SIGNED.minus(Duration.ofDays(30)).toString());
        assertOneLine(run, 1, "before the list's timestamp");
        assertFalse(Files.exists(dir.resolve("policy.json.asc")));
        assertEquals(
                0,
                CliRun.of(
                                "sign",
                                list.toString(),
                                "--key",
                                secret.toString(),
                                "--passphrase-file",
                                passphrase.toString(),
                                "--now",
                                SIGNED.toString())
                        .exitCode());
    }

    @Test
    void finding3_exportNeverOpensAFifo() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Path out = dir.resolve("table");
        assertOneLine(
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        fifo.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW.toString()),
                3,
                "is not a regular file");
        assertFalse(Files.exists(out));
    }

    @Test
    void finding4_everyInputIsCappedWithItsOwnOption() throws IOException {
        assertOneLine(
                verify("--max-list-bytes", "100"),
                1,
                "is larger than 100 bytes; refused (raise --max-list-bytes");
        assertOneLine(
                verify("--max-signature-bytes", "50"),
                1,
                "larger than 50 bytes; refused (raise --max-signature-bytes");
        assertOneLine(
                CliRun.of(
                        "verify", list.toString(), "--keys", "/dev/zero", "--now", NOW.toString()),
                1,
                "pinned key file /dev/zero is larger than 1048576 bytes; refused (raise --max-key-bytes");
        byte[] bytes = Files.readAllBytes(list);
        byte[] one = ALICE.sign(bytes, SIGNED);
        Files.write(dir.resolve("policy.json.asc"), TestKeys.concatenate(one, one, one));
        assertOneLine(
                verify("--max-signatures", "2"),
                1,
                "more than 2 signatures; refused (raise --max-signatures");
        Path out = dir.resolve("table");
        assertOneLine(
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        key.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW.toString(),
                        "--max-list-bytes",
                        "100"),
                1,
                "raise --max-list-bytes");
        assertFalse(Files.exists(out));
    }

    @Test
    void finding6_aUtf16ListIsRefused() throws IOException {
        write(text().getBytes(StandardCharsets.UTF_16LE), SIGNED);
        assertOneLine(verify(), 1, "is not UTF-8: it holds a NUL byte");
    }

    @Test
    void finding7_aListThatVerifiesCanBeExported() throws IOException {
        write(
                text().replaceFirst("\"policy-alias\": \"hosting\"", "\"policy-alias\": \"nobody\"")
                        .getBytes(StandardCharsets.UTF_8),
                SIGNED);
        assertOneLine(verify(), 1, "refers to the alias 'nobody'");
        Path out = dir.resolve("table");
        assertOneLine(
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--out",
                        out.toString(),
                        "--now",
                        NOW.toString()),
                1,
                "refers to the alias 'nobody'");
        assertFalse(Files.exists(out));
    }

    @Test
    void finding8_datesOutOfRangeAreAnswersNotInternalErrors() throws IOException {
        write(
                text().replaceFirst("\"timestamp\": \"[^\"]+\"", "\"timestamp\": 99999999999999999")
                        .getBytes(StandardCharsets.UTF_8),
                SIGNED);
        assertOneLine(verify(), 1, "timestamp");
        assertOneLine(verify("--skew", "999999999999999"), 2, "--skew 999999999999999");
    }

    @Test
    void finding9_controlCharactersFromTheListAreEscaped() throws IOException {
        String hostile = "evil\u001b[2J\r\nexample.com";
        String jsonName =
                hostile.replace("\u001b", "\\u001b").replace("\r", "\\r").replace("\n", "\\n");
        Files.writeString(
                list,
                text().replaceFirst(
                                "\"d1-",
                                java.util.regex.Matcher.quoteReplacement(
                                        "\"" + jsonName + "-d1-")));
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--out",
                        dir.resolve("t").toString(),
                        "--now",
                        NOW.toString());
        assertOneLine(
                run, 1, "evil\\u001B[2j\\r\\nexample.com"); // folded to lower case, then escaped
        assertFalse(run.err().contains("\u001b"), run::toString);
    }

    @Test
    void finding9_anIdnaCollisionIsNamedAsOne() throws IOException {
        Path work = Files.createDirectories(dir.resolve("import"));
        Files.writeString(
                work.resolve("list.json"),
                """
                {"timestamp": "2026-05-01T00:00:00Z", "expires": "2026-05-15T00:00:00Z", "version": "0.1",
                 "policy-aliases": {},
                 "policies": {"faß.de": {"mode": "enforce", "mxs": ["mx.fass.de"]},
                              "fass.de": {"mode": "enforce", "mxs": ["mx.fass.de"]}}}
                """);
        CliRun run = CliRun.of("-C", work.toString(), "import", "list.json");
        assertOneLine(run, 1, "are the same name once converted to an IDNA A-label");
        assertFalse(run.err().contains("case-insensitive"), run::toString);
        assertEquals(List.of("list.json"), Trees.files(work));
    }
}
