package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror's lock refuses a second run and a lock file that is not a plain file. */
class MirrorLockTest {
    @TempDir Path dir;

    @Test
    @SuppressWarnings("try") // the lock is held by being open, never referenced
    void aSecondRunGivesUpWhenTheWaitIsOver() {
        Path file = dir.resolve(".lock");
        try (MirrorLock held = MirrorLock.acquire(file, Duration.ZERO)) {
            var e =
                    assertThrows(
                            MirrorBusyException.class,
                            () -> MirrorLock.acquire(file, Duration.ZERO));
            assertEquals(file, e.lockFile());
        }
        // Released on close: the next run takes it.
        MirrorLock.acquire(file, Duration.ZERO).close();
    }

    @Test
    void aLockFileThatIsALinkIsRefused() throws Exception {
        Path file = Files.createSymbolicLink(dir.resolve(".lock"), dir.resolve("elsewhere"));
        var e =
                assertThrows(
                        MirrorStateException.class, () -> MirrorLock.acquire(file, Duration.ZERO));
        assertEquals(file, e.entry());
    }
}
