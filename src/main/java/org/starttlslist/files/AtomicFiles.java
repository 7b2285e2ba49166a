package org.starttlslist.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one place that writes files: to a temporary file in the target's directory, flushed to disk,
 * then renamed over the target, so a reader sees the old bytes or the new bytes, never a part, and
 * a crash leaves at most a stray temporary file.
 */
public final class AtomicFiles {
    /** Bytes handed to one write call. */
    private static final int WRITE_SLICE = 256 * 1024;

    private AtomicFiles() {}

    /**
     * Writes with the permissions an ordinary write would leave: the target's own when it exists,
     * else {@code rw-r--r--} (less what the umask removes), never the {@code rw-------} of a
     * temporary file, which would make a published list or signature unreadable to a web server.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, ordinaryPermissions(target));
    }

    private static Set<PosixFilePermission> ordinaryPermissions(Path target) throws IOException {
        if (!target.toAbsolutePath()
                .getFileSystem()
                .supportedFileAttributeViews()
                .contains("posix")) {
            return null;
        }
        if (Files.exists(target)) {
            return Files.getPosixFilePermissions(target);
        }
        return PosixFilePermissions.fromString("rw-r--r--");
    }

    /**
     * As {@link #write(Path, byte[])}, with the file created with exactly these permissions
     * (POSIX).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString(), permissions);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                // In slices: the JDK copies a heap buffer through a temporary direct buffer of
                // its own size, 21 MB of fresh memory (~90 ms here) for a 100,000-domain list.
                for (int at = 0; at < bytes.length; at += WRITE_SLICE) {
                    ByteBuffer buffer =
                            ByteBuffer.wrap(bytes, at, Math.min(WRITE_SLICE, bytes.length - at));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot replace " + target + " atomically on this file system", e);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path createTemporary(
            Path directory, String name, Set<PosixFilePermission> permissions) throws IOException {
        if (permissions != null
                && directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(
                    directory,
                    "." + name + ".",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(permissions));
        }
        return Files.createTempFile(directory, "." + name + ".", ".tmp");
    }

    /** Makes a rename durable: on Linux a rename is on disk only once its directory is synced. */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems refuse to open a directory; the rename is still atomic there.
        }
    }
}
