package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.TestKeys;

/** Each way a set of pinned keys cannot be used, named by the key file at fault. */
class PinnedKeysFailureTest {
    @TempDir Path dir;

    @Test
    void noKeyFileAtAllNamesNone() {
        var e = assertThrows(PinnedKeysUnusableException.class, () -> PinnedKeys.load(List.of()));
        assertEquals(Optional.empty(), e.keyFile());
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("absent.asc");
        var e =
                assertThrows(
                        PinnedKeysUnusableException.class, () -> PinnedKeys.load(List.of(missing)));
        assertEquals(Optional.of(missing.toString()), e.keyFile());
    }

    @Test
    void aSecretKeyPinnedByMistakeIsNamed() {
        Path secret = TestKeys.ed25519("alice").writeSecret(dir);
        var e =
                assertThrows(
                        PinnedKeysUnusableException.class, () -> PinnedKeys.load(List.of(secret)));
        assertEquals(Optional.of(secret.toString()), e.keyFile());
    }

    @Test
    void aFileHoldingNoKeyIsNamedAfterTheGoodOnesBeforeIt() throws Exception {
        Path good = TestKeys.ed25519("alice").writePublic(dir);
        Path notes = Files.writeString(dir.resolve("notes.asc"), "not a key\n");
        var e =
                assertThrows(
                        PinnedKeysUnusableException.class,
                        () -> PinnedKeys.load(List.of(good, notes)));
        assertEquals(Optional.of(notes.toString()), e.keyFile());
    }
}
