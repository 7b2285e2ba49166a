package org.starttlslist.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Reading a named input with a cap: at most the cap plus one byte is ever read, so a huge file, a
 * growing file or {@code /dev/zero} costs no more memory than the cap.
 */
public final class BoundedFiles {
    private BoundedFiles() {}

    /**
     * The bytes of {@code file}, refused with {@link InputTooLargeException} (naming {@code
     * option}) when there are more than {@code cap}.
     *
     * @param what what the file is, for messages ("the list", "pinned key file")
     */
    public static byte[] read(Path file, long cap, String what, String option) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readCapped(channel, cap, what + " " + file, option);
        } catch (NoSuchFileException e) {
            throw new InputMissingException(what, file);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read}, for inputs read unattended (export after a mirror run): only a regular file
     * is opened, so a FIFO or device planted under the name cannot block the run.
     */
    public static byte[] readRegular(Path file, long cap, String what, String option) {
        try {
            if (!Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)
                    .isRegularFile()) {
                throw new CouldNotCompleteException(
                        "cannot read "
                                + what
                                + " "
                                + file
                                + ": it is not a regular file (a FIFO, device or directory is never read)");
            }
        } catch (NoSuchFileException e) {
            throw new InputMissingException(what, file);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
        return read(file, cap, what, option);
    }

    /** Reads of a file go through a buffer of this size, not one as large as the file. */
    private static final int CHUNK = 1 << 20;

    /**
     * At most {@code cap} bytes of {@code channel}, into one array of the file's size when it
     * states one. Why not {@code InputStream.readNBytes}: it gathers the bytes in small buffers and
     * copies them into the result, twice the file in fresh memory (42 MB for a 21 MB list); and
     * {@code Files.readAllBytes} reads through a temporary direct buffer as large as the file. On a
     * machine where fresh memory costs ~4 ms per MB to touch, either costs more than reading. Here
     * each read goes through the JDK's cached direct buffer of {@link #CHUNK} bytes. A file that
     * grows while it is read (or a device that states no size) is read on to the cap.
     */
    public static byte[] readCapped(
            SeekableByteChannel channel, long cap, String where, String option) throws IOException {
        long size = channel.size();
        if (size > cap) {
            throw new InputTooLargeException(where, cap, option);
        }
        byte[] bytes = new byte[(int) size];
        int filled = 0;
        while (filled < bytes.length) {
            int read =
                    channel.read(
                            ByteBuffer.wrap(bytes, filled, Math.min(CHUNK, bytes.length - filled)));
            if (read < 0) {
                return Arrays.copyOf(bytes, filled); // it shrank while being read
            }
            filled += read;
        }
        // More than it stated (a growing file, a FIFO, /dev/zero): the rest, to the cap.
        byte[] rest = readCapped(Channels.newInputStream(channel), cap - filled, where, option);
        if (rest.length == 0) {
            return bytes;
        }
        if (filled + (long) rest.length > cap) {
            throw new InputTooLargeException(where, cap, option);
        }
        byte[] all = Arrays.copyOf(bytes, filled + rest.length);
        System.arraycopy(rest, 0, all, filled, rest.length);
        return all;
    }

    /** At most {@code cap} bytes of {@code in}; one more is an {@link InputTooLargeException}. */
    public static byte[] readCapped(InputStream in, long cap, String where, String option)
            throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (bytes.length > cap) {
            throw new InputTooLargeException(where, cap, option);
        }
        return bytes;
    }

    /** A named input does not exist; exit 3 (nothing was checked). */
    public static final class InputMissingException extends CouldNotCompleteException {
        private static final long serialVersionUID = 1L;
        private final Path file;

        public InputMissingException(String what, Path file) {
            super("cannot read " + what + ": " + file + " does not exist");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }
}
