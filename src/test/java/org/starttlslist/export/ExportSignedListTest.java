package org.starttlslist.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;

/** {@code export postfix --keys}: the list's signature is checked before anything is written. */
class ExportSignedListTest {
    static final TestKeys.TestKey MAINTAINER = TestKeys.ed25519("export-maintainer");
    static final TestKeys.TestKey STRANGER = TestKeys.ed25519("export-stranger");
    static final Instant SIGNED = Instant.parse("2026-11-20T00:00:00Z");

    static Path signedList(Path dir, String expires, TestKeys.TestKey key) throws Exception {
        byte[] list = ExportPostfixTest.list(expires).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("policy.json");
        Files.write(file, list);
        Files.write(dir.resolve("policy.json.asc"), key.sign(list, SIGNED));
        return file;
    }

    @Test
    void aListSignedByThePinnedKeyIsExported(@TempDir Path dir) throws Exception {
        Path list = signedList(dir, "2026-12-04T00:00:00Z", MAINTAINER);
        Path pinned = MAINTAINER.writePublic(dir);
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("signature verified"), run.out());
        assertTrue(
                Files.readString(dir.resolve("postfix_tls_policy"))
                        .contains("example.com  secure match="));
    }

    @Test
    void aListSignedByAnotherKeyIsRefusedAndTheOldTableStays(@TempDir Path dir) throws Exception {
        Path list = signedList(dir, "2026-12-04T00:00:00Z", STRANGER);
        Path pinned = MAINTAINER.writePublic(dir);
        Path out = dir.resolve("postfix_tls_policy");
        Files.writeString(out, "previous table\n");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("previous table\n", Files.readString(out));
    }

    @Test
    void aTamperedListIsRefused(@TempDir Path dir) throws Exception {
        Path list = signedList(dir, "2026-12-04T00:00:00Z", MAINTAINER);
        Files.writeString(list, Files.readString(list).replace("\"enforce\"", "\"testing\""));
        Path pinned = MAINTAINER.writePublic(dir);
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertFalse(Files.exists(dir.resolve("postfix_tls_policy")));
    }

    @Test
    void anAuthenticExpiredListGivesTheFallback(@TempDir Path dir) throws Exception {
        Path list = signedList(dir, "2026-11-25T00:00:00Z", MAINTAINER);
        Path pinned = MAINTAINER.writePublic(dir);
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("ACTION REQUIRED"), run.err());
        assertEquals(
                "# Policy list is outdated. Falling back to opportunistic encryption.\n",
                Files.readString(dir.resolve("postfix_tls_policy")));
    }

    @Test
    void aForgedExpiredListCannotSwitchEnforcementOff(@TempDir Path dir) throws Exception {
        Path list = signedList(dir, "2026-11-25T00:00:00Z", STRANGER);
        Path pinned = MAINTAINER.writePublic(dir);
        Path out = dir.resolve("postfix_tls_policy");
        Files.writeString(out, "previous table\n");
        CliRun run =
                CliRun.of(
                        "export",
                        "postfix",
                        "--list",
                        list.toString(),
                        "--keys",
                        pinned.toString(),
                        "--now",
                        ExportPostfixTest.NOW);
        assertEquals(1, run.exitCode(), run.toString());
        assertFalse(run.err().contains("ACTION REQUIRED"), run.err());
        assertEquals("previous table\n", Files.readString(out));
    }
}
