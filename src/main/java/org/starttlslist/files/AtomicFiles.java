package org.starttlslist.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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

    /** What a streamed file holds: written to the channel in order, from its start. */
    @FunctionalInterface
    public interface Content {
        void writeTo(WritableByteChannel channel) throws IOException;
    }

    /**
     * As {@link #write(Path, byte[])}, with bytes written as {@code content} makes them: a large
     * file never has to be whole in memory. A failure of {@code content} leaves the target as it
     * was.
     */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, ordinaryPermissions(target));
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
        write(
                target,
                channel -> {
                    // In slices: the JDK copies a heap buffer through a temporary direct buffer of
                    // its own size, 21 MB of fresh memory (~90 ms here) for a 100,000-domain list.
                    for (int at = 0; at < bytes.length; at += WRITE_SLICE) {
                        writeFully(
                                channel,
                                ByteBuffer.wrap(
                                        bytes, at, Math.min(WRITE_SLICE, bytes.length - at)));
                    }
                },
                permissions);
    }

    /** Writes all of {@code buffer} (a channel may take less than it is given). */
    public static void writeFully(WritableByteChannel channel, ByteBuffer buffer)
            throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void write(Path target, Content content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = createTemporary(directory, absolute.getFileName().toString(), permissions);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
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

    /** Tries at most this many names for a temporary file before giving up. */
    private static final int NAMES_TRIED = 100;

    /**
     * A new, empty file in {@code directory} named after the target, created exclusively.
     *
     * <p>Not {@link Files#createTempFile}: it draws its names from a {@code SecureRandom}, whose
     * start-up (providers, seeding) took ~15 ms of each {@code build} and {@code sign}. The names
     * need only be unlikely to collide: the file is created with {@code O_EXCL}, which refuses a
     * name that exists, link or not, so a name someone guessed is just tried again.
     */
    private static Path createTemporary(
            Path directory, String name, Set<PosixFilePermission> permissions) throws IOException {
        FileAttribute<?>[] attributes =
                permissions != null
                                && directory
                                        .getFileSystem()
                                        .supportedFileAttributeViews()
                                        .contains("posix")
                        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                        : new FileAttribute<?>[0];
        for (int tried = 1; ; tried++) {
            String unique = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path candidate = directory.resolve("." + name + "." + unique + ".tmp");
            try {
                return Files.createFile(candidate, attributes);
            } catch (FileAlreadyExistsException e) {
                if (tried == NAMES_TRIED) {
                    throw e;
                }
            }
        }
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
