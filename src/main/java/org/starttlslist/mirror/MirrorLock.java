package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * An exclusive lock on {@code DIR/.lock} for one mirror run, so two runs (a timer and an operator,
 * say) never interleave their installs. The operating system drops the lock when the process
 * dies, so a killed run never leaves the directory locked.
 */
public final class MirrorLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private MirrorLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code wait} for the lock, then gives up with {@link MirrorBusyException}. */
    public static MirrorLock acquire(Path lockFile, Duration wait) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot open the lock file " + lockFile + ": " + e.getMessage(), e);
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
            throw new CouldNotCompleteException("cannot lock " + lockFile + ": " + e.getMessage(), e);
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
