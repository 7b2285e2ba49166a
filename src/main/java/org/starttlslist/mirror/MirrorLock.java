package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * An exclusive lock on {@code DIR/.lock} for one mirror run, so two runs (a timer and an operator,
 * say) never interleave their installs. The operating system drops the lock when the process dies,
 * so a killed run never leaves the directory locked.
 */
public final class MirrorLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private MirrorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits up to {@code wait} for the lock, then gives up with {@link MirrorBusyException}. The
     * lock file is examined and opened without following a link: a planted link (dangling or not)
     * must not make the mirror create or open a file elsewhere, and a FIFO would block the open.
     */
    public static MirrorLock acquire(Path lockFile, Duration wait) {
        Optional<BasicFileAttributes> existing = MirrorLayout.attributes(lockFile);
        if (existing.isPresent() && !existing.get().isRegularFile()) {
            throw new MirrorStateException(
                    lockFile,
                    existing.get().isSymbolicLink()
                            ? "is a symbolic link"
                            : "is not a regular file");
        }
        FileChannel channel;
        try {
            channel =
                    FileChannel.open(
                            lockFile,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            if (MirrorLayout.attributes(lockFile)
                    .map(BasicFileAttributes::isSymbolicLink)
                    .orElse(false)) {
                // ELOOP: a link appeared between the check and the open.
                throw new MirrorStateException(lockFile, "is a symbolic link");
            }
            throw new CouldNotCompleteException(
                    "cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by another run in this same JVM
                }
                if (lock != null) {
                    return new MirrorLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new MirrorBusyException(lockFile);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            close(channel);
            throw new CouldNotCompleteException(
                    "cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            close(channel);
            Thread.currentThread().interrupt();
            throw new MirrorBusyException(lockFile);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases nothing we still need
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        close(channel);
    }
}
