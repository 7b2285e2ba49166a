package org.starttlslist.release;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jgit.lib.Repository;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * One release or publish at a time per clone, for the whole run: from the preflight to the push.
 * Two releases in one clone would otherwise both pass the preflight and the later-started one could
 * push an older list on top of the other's.
 *
 * <p>An OS file lock on {@code .git/starttls-list-release.lock}: the kernel drops it when the
 * process dies, so a killed release never leaves a stale lock behind (the empty file may stay; it
 * means nothing unless locked).
 */
final class ReleaseLock implements AutoCloseable {
    static final String FILE_NAME = "starttls-list-release.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ReleaseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses at once when another run holds it; never waits. */
    static ReleaseLock acquire(Repository repository) {
        Path file = repository.getDirectory().toPath().resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot open the release lock " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new ReleaseInProgressException(file);
            }
            return new ReleaseLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new ReleaseInProgressException(file);
        } catch (IOException e) {
            close(channel);
            throw new CouldNotCompleteException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (ReleaseInProgressException e) {
            close(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do: the lock dies with the process at the latest.
        }
    }
}
