package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.PolicyList;
import org.starttlslist.testing.GitConfigIsolation;
import org.starttlslist.testing.TestLists;

/**
 * The guards a release passes before it touches anything, each refused with its own exception and
 * the facts it carries: the clock, the lock, git's index lock.
 */
@ExtendWith(GitConfigIsolation.class)
class ReleaseGuardsTest {
    static final Instant CLOCK = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration SKEW = Duration.ofMinutes(5);

    @TempDir Path dir;

    static PolicyList list(Instant timestamp, Instant expires) {
        return PolicyListParser.parse(TestLists.list(timestamp, expires, 2));
    }

    @Test
    void aNowFarFromTheClockIsRefusedUnlessAllowed() {
        Instant now = CLOCK.minus(Duration.ofDays(3));
        ReleaseClock clock = new ReleaseClock(CLOCK, SKEW);
        var e = assertThrows(NowFarFromClockException.class, () -> clock.requireNear(now, false));
        assertEquals(now, e.now());
        assertEquals(CLOCK, e.clock());
        clock.requireNear(now, true);
        clock.requireNear(CLOCK.plus(SKEW), false);
    }

    @Test
    void aListAlreadyExpiredAtTheClockIsRefused() {
        Instant timestamp = CLOCK.minus(Duration.ofDays(20));
        Instant expires = CLOCK.minus(Duration.ofDays(6));
        var e =
                assertThrows(
                        ListNotValidAtClockException.class,
                        () ->
                                new ReleaseClock(CLOCK, SKEW)
                                        .requireValidNow(list(timestamp, expires)));
        assertEquals(timestamp, e.timestamp());
        assertEquals(expires, e.expires());
        assertEquals(CLOCK, e.clock());
    }

    @Test
    void aListFromTheFutureAtTheClockIsRefused() {
        Instant timestamp = CLOCK.plus(Duration.ofHours(1));
        var e =
                assertThrows(
                        ListNotValidAtClockException.class,
                        () ->
                                new ReleaseClock(CLOCK, SKEW)
                                        .requireValidNow(
                                                list(
                                                        timestamp,
                                                        timestamp.plus(Duration.ofDays(14)))));
        assertEquals(timestamp, e.timestamp());
    }

    @Test
    @SuppressWarnings("try") // the lock is held by being open, never referenced
    void aSecondReleaseWhileOneHoldsTheLockIsRefusedAtOnce() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
                ReleaseLock held = ReleaseLock.acquire(git.getRepository())) {
            var e =
                    assertThrows(
                            ReleaseInProgressException.class,
                            () -> ReleaseLock.acquire(git.getRepository()));
            assertEquals(
                    git.getRepository().getDirectory().toPath().resolve(e.lockFile().getFileName()),
                    e.lockFile());
        }
    }

    @Test
    void gitsIndexLockStopsTheRelease() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Path lock = git.getRepository().getDirectory().toPath().resolve("index.lock");
            Files.createFile(lock);
            var e =
                    assertThrows(
                            IndexLockedException.class,
                            () -> new GitPreflight(git).requireNoIndexLock());
            assertEquals(lock, e.lockFile());
        }
    }
}
