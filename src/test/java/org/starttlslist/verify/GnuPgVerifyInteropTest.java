package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.GnuPg;
import org.starttlslist.testing.TestLists;

/** Signatures made by the installed gpg, checked by our verifier (skipped when gpg is absent). */
class GnuPgVerifyInteropTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void aGpgDetachedSignatureVerifiesWithOurs() throws Exception {
        try (GnuPg gpg = GnuPg.create(dir)) {
            String fingerprint = gpg.generateKey("Gpg Signer <gpg@example.org>");
            Path pub = dir.resolve("pub.asc");
            assertEquals(
                    0,
                    gpg.gpg("--armor", "--output", pub.toString(), "--export", fingerprint)
                            .exitCode());
            Path list =
                    Files.write(
                            dir.resolve("policy.json"),
                            TestLists.list(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), 3));
            Path signature = dir.resolve("policy.json.asc");
            GnuPg.Result signed =
                    gpg.gpg(
                            "--faked-system-time",
                            NOW.minusSeconds(30).getEpochSecond() + "!",
                            "--local-user",
                            fingerprint,
                            "--armor",
                            "--detach-sign",
                            "--output",
                            signature.toString(),
                            list.toString());
            assertEquals(0, signed.exitCode(), signed.toString());

            ListVerifier.Verified verified =
                    ListVerifier.verify(
                            Files.readAllBytes(list),
                            Files.readAllBytes(signature),
                            ListVerifier.Options.of(
                                    org.starttlslist.verify.PinnedKeys.load(List.of(pub)), NOW));
            assertEquals(List.of(fingerprint), verified.signerFingerprints());
            assertEquals(NOW.minusSeconds(30), verified.signatureTime());

            byte[] changed = Files.readAllBytes(list);
            changed[10] ^= 1;
            assertThrows(
                    BadSignatureException.class,
                    () ->
                            ListVerifier.verify(
                                    changed,
                                    Files.readAllBytes(signature),
                                    ListVerifier.Options.of(
                                            org.starttlslist.verify.PinnedKeys.load(List.of(pub)),
                                            NOW)));
        }
    }

    @Test
    void aGpgSha1SignatureIsAWeakHash() throws Exception {
        try (GnuPg gpg = GnuPg.create(dir)) {
            String fingerprint = gpg.generateKey("Gpg Signer <gpg@example.org>");
            Path pub = dir.resolve("pub.asc");
            assertEquals(
                    0,
                    gpg.gpg("--armor", "--output", pub.toString(), "--export", fingerprint)
                            .exitCode());
            Path list =
                    Files.write(
                            dir.resolve("policy.json"),
                            TestLists.list(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(7)), 3));
            Path signature = dir.resolve("policy.json.asc");
            GnuPg.Result signed =
                    gpg.gpg(
                            "--faked-system-time",
                            NOW.minusSeconds(30).getEpochSecond() + "!",
                            "--digest-algo",
                            "SHA1",
                            "--local-user",
                            fingerprint,
                            "--armor",
                            "--detach-sign",
                            "--output",
                            signature.toString(),
                            list.toString());
            if (signed.exitCode() != 0) {
                // Some GnuPG builds refuse SHA-1 for EdDSA outright; that is the same verdict.
                return;
            }
            WeakHashException e =
                    assertThrows(
                            WeakHashException.class,
                            () ->
                                    ListVerifier.verify(
                                            Files.readAllBytes(list),
                                            Files.readAllBytes(signature),
                                            ListVerifier.Options.of(
                                                    org.starttlslist.verify.PinnedKeys.load(
                                                            List.of(pub)),
                                                    NOW)));
            assertEquals("SHA-1", e.hash());
        }
    }
}
