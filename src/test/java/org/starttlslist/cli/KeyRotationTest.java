package org.starttlslist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;
import org.starttlslist.testing.TestLists;

/**
 * The rotation procedure of the README: an overlap list signed by the old and the new key; a mirror
 * pinned to the old key keeps accepting it; mirrors then pin both, verify shows when the old key
 * stopped signing, and a mirror pinned to the new key alone accepts the lists after it.
 */
class KeyRotationTest {
    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir Path dir;

    private Path publish(String name, Instant timestamp, TestKey... signers) throws IOException {
        Path source = Files.createDirectories(dir.resolve(name));
        byte[] list = TestLists.list(timestamp, timestamp.plus(Duration.ofDays(14)), 3);
        Files.write(source.resolve("policy.json"), list);
        byte[] signature = signers[0].sign(list, timestamp);
        for (int i = 1; i < signers.length; i++) {
            signature =
                    org.starttlslist.signing.DetachedSignatures.append(
                            signature, signers[i].sign(list, timestamp));
        }
        Files.write(source.resolve("policy.json.asc"), signature);
        return source;
    }

    private CliRun mirror(Path source, Path into, Instant now, Path... keys) {
        String pinned =
                String.join(",", java.util.Arrays.stream(keys).map(Path::toString).toList());
        return CliRun.of(
                "mirror",
                "--from",
                source.toString(),
                "--keys",
                pinned,
                "--into",
                into.toString(),
                "--now",
                now.toString());
    }

    @Test
    void overlapThenDropTheOldKey() throws IOException {
        TestKey old = TestKeys.ed25519("rotation-old");
        TestKey fresh = TestKeys.ed25519("rotation-new");
        Path oldPin = old.writePublic(dir.resolve("pins"));
        Path newPin = fresh.writePublic(dir.resolve("pins"));
        Path oldMirror = dir.resolve("mirror-old");
        Path bothMirror = dir.resolve("mirror-both");
        Path newMirror = dir.resolve("mirror-new");

        // Before: the old key alone.
        Path before = publish("before", T, old);
        assertEquals(0, mirror(before, oldMirror, T.plusSeconds(60), oldPin).exitCode());

        // Overlap: signed by both. A mirror not yet updated (old pin only) accepts it.
        Path overlap = publish("overlap", T.plus(Duration.ofDays(1)), old, fresh);
        CliRun stillOld =
                mirror(overlap, oldMirror, T.plus(Duration.ofDays(1)).plusSeconds(60), oldPin);
        assertEquals(0, stillOld.exitCode(), stillOld::toString);
        assertEquals(
                0,
                mirror(
                                overlap,
                                bothMirror,
                                T.plus(Duration.ofDays(1)).plusSeconds(60),
                                oldPin,
                                newPin)
                        .exitCode());
        CliRun both =
                CliRun.of(
                        "verify",
                        overlap.resolve("policy.json").toString(),
                        "--keys",
                        oldPin + "," + newPin,
                        "--now",
                        T.plus(Duration.ofDays(1)).plusSeconds(60).toString());
        assertTrue(both.out().contains("not signed: (every pinned key signed)"), both::toString);

        // After: the new key alone. verify shows the old key no longer signs...
        Instant after = T.plus(Duration.ofDays(2));
        Path next = publish("after", after, fresh);
        CliRun report =
                CliRun.of(
                        "verify",
                        next.resolve("policy.json").toString(),
                        "--keys",
                        oldPin + "," + newPin,
                        "--now",
                        after.plusSeconds(60).toString());
        assertEquals(0, report.exitCode(), report::toString);
        assertTrue(report.out().contains("signed by:  " + fresh.fingerprint()), report::toString);
        assertTrue(report.out().contains("not signed: " + old.fingerprint()), report::toString);
        // ...so mirrors drop it: one pinned to the new key alone accepts the list...
        CliRun onlyNew = mirror(next, newMirror, after.plusSeconds(60), newPin);
        assertEquals(0, onlyNew.exitCode(), onlyNew::toString);
        // ...and one that never updated its pin refuses it and keeps the overlap list.
        byte[] kept = Files.readAllBytes(oldMirror.resolve("current/policy.json"));
        CliRun stale = mirror(next, oldMirror, after.plusSeconds(60), oldPin);
        assertTrue(stale.exitCode() != 0, stale::toString);
        assertArrayEquals(kept, Files.readAllBytes(oldMirror.resolve("current/policy.json")));
    }
}
