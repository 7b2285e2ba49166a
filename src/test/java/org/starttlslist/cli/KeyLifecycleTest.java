package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.signing.ArmoredKeyFingerprints;
import org.starttlslist.signing.DetachedSignatures;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestLists;

/**
 * Keys over time and several signatures on one list: keygen's expiry and revocation certificate,
 * {@code key extend}, {@code sign --append} and {@code --force}, and what verify then accepts.
 */
class KeyLifecycleTest {
    static final Instant MADE = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir Path dir;
    Path passphrase;

    @BeforeEach
    void files() throws IOException {
        passphrase = Files.writeString(dir.resolve("passphrase"), TestKeys.PASSPHRASE + "\n");
    }

    private Path keygen(String name, String... extra) {
        Path out = dir.resolve(name);
        String[] args =
                new String[] {
                    "keygen",
                    "--uid",
                    name + " <" + name + "@example.org>",
                    "--out",
                    out.toString(),
                    "--passphrase-file",
                    passphrase.toString(),
                    "--now",
                    MADE.toString()
                };
        String[] all =
                java.util.stream.Stream.concat(
                                java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                        .toArray(String[]::new);
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exitCode(), run::toString);
        return out;
    }

    private Path list(Instant timestamp) throws IOException {
        return Files.write(
                dir.resolve("policy-" + timestamp.getEpochSecond() + ".json"),
                TestLists.list(timestamp, timestamp.plus(Duration.ofDays(14)), 3));
    }

    private CliRun sign(Path list, Path key, Instant at, String... extra) {
        String[] args =
                new String[] {
                    "sign",
                    list.toString(),
                    "--key",
                    key.resolve("secret-key.asc").toString(),
                    "--passphrase-file",
                    passphrase.toString(),
                    "--now",
                    at.toString()
                };
        return CliRun.of(
                java.util.stream.Stream.concat(
                                java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                        .toArray(String[]::new));
    }

    private static CliRun verify(Path list, Instant at, int threshold, Path... keys) {
        String pinned =
                String.join(",", java.util.Arrays.stream(keys).map(k -> k.toString()).toList());
        return CliRun.of(
                "verify",
                list.toString(),
                "--keys",
                pinned,
                "--threshold",
                "" + threshold,
                "--now",
                at.toString());
    }

    @Test
    void keygenWritesAnExpiringKeyAndARevocationCertificate() throws IOException {
        Path alice = keygen("alice");
        Path revocation = alice.resolve("revocation-certificate.asc");
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(revocation)));
        assertTrue(Files.readString(revocation).contains("REVOCATION of key"));
        Instant inside = MADE.plus(Duration.ofDays(729));
        Instant after = MADE.plus(Duration.ofDays(731));
        assertEquals(0, sign(list(inside), alice, inside).exitCode());
        // Expired: the key cannot sign, and nothing is written.
        Path late = list(after);
        CliRun refused = sign(late, alice, after);
        assertEquals(1, refused.exitCode(), refused::toString);
        assertFalse(Files.exists(late.resolveSibling(late.getFileName() + ".asc")));
    }

    @Test
    void keyExtendLetsTheKeySignAfterItsFirstExpiry() throws IOException {
        Path bob = keygen("bob", "--valid-days", "30");
        Instant day40 = MADE.plus(Duration.ofDays(40));
        Path list = list(day40);
        assertEquals(1, sign(list, bob, day40).exitCode());

        CliRun extend =
                CliRun.of(
                        "key",
                        "extend",
                        "--key",
                        bob.resolve("secret-key.asc").toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--valid-days",
                        "365",
                        "--now",
                        MADE.plus(Duration.ofDays(20)).toString());
        assertEquals(0, extend.exitCode(), extend::toString);
        assertTrue(extend.out().contains("now expires 2027-01-21T00:00:00Z"), extend::toString);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(bob.resolve("secret-key.asc"))));
        assertEquals(0, sign(list, bob, day40).exitCode());
        assertEquals(0, verify(list, day40, 1, bob.resolve("public-key.asc")).exitCode());
    }

    @Test
    void publishedRevocationCertificateMakesItsSignaturesNotCount() throws IOException {
        Path carol = keygen("carol");
        Instant at = MADE.plus(Duration.ofDays(10));
        Path list = list(at);
        assertEquals(0, sign(list, carol, at).exitCode());
        assertEquals(0, verify(list, at, 1, carol.resolve("public-key.asc")).exitCode());
        // The maintainers publish the revocation certificate in place of the pinned key.
        CliRun refused =
                verify(list, at.plusSeconds(60), 1, carol.resolve("revocation-certificate.asc"));
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("revoked"), refused::toString);
    }

    @Test
    void signKeepsAnExistingSignatureUnlessAskedToAppendOrReplace() throws IOException {
        Path alice = keygen("alice2");
        Path bob = keygen("bob2");
        Instant at = MADE.plus(Duration.ofDays(1));
        Path list = list(at);
        Path asc = list.resolveSibling(list.getFileName() + ".asc");
        assertEquals(0, sign(list, alice, at).exitCode());
        byte[] first = Files.readAllBytes(asc);

        CliRun plain = sign(list, bob, at);
        assertEquals(1, plain.exitCode(), plain::toString);
        assertTrue(
                plain.err().contains("--append") && plain.err().contains("--force"),
                plain::toString);
        assertArrayEquals(first, Files.readAllBytes(asc));
        assertEquals(
                1,
                verify(list, at, 2, alice.resolve("public-key.asc"), bob.resolve("public-key.asc"))
                        .exitCode());

        CliRun appended = sign(list, bob, at, "--append");
        assertEquals(0, appended.exitCode(), appended::toString);
        assertTrue(appended.out().contains("now 2 signatures"), appended::toString);
        CliRun both =
                verify(list, at, 2, alice.resolve("public-key.asc"), bob.resolve("public-key.asc"));
        assertEquals(0, both.exitCode(), both::toString);
        String aliceFpr =
                ArmoredKeyFingerprints.primaryFingerprints(
                                Files.readAllBytes(alice.resolve("public-key.asc")))
                        .get(0);
        assertEquals(2, DetachedSignatures.issuers(Files.readAllBytes(asc)).size());
        assertTrue(both.out().contains(aliceFpr), both::toString);

        byte[] twoSignatures = Files.readAllBytes(asc);
        CliRun again = sign(list, bob, at, "--append");
        assertEquals(1, again.exitCode(), again::toString);
        assertTrue(again.err().contains("already signed by key"), again::toString);
        assertArrayEquals(twoSignatures, Files.readAllBytes(asc));

        CliRun forced = sign(list, bob, at, "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals(1, DetachedSignatures.issuers(Files.readAllBytes(asc)).size());
    }

    @Test
    void appendWithoutAnExistingSignatureIsRefused() throws IOException {
        Path dave = keygen("dave");
        Path list = list(MADE.plus(Duration.ofDays(1)));
        CliRun run = sign(list, dave, MADE.plus(Duration.ofDays(1)), "--append");
        assertEquals(3, run.exitCode(), run::toString);
        assertFalse(Files.exists(list.resolveSibling(list.getFileName() + ".asc")));
    }
}
