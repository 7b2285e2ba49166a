package org.starttlslist.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        try (InputStream in = Files.newInputStream(file)) {
            return readCapped(in, cap, what + " " + file, option);
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
