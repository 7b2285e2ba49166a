package org.starttlslist.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BoundedFiles#read} reads a file in chunks into one array of its size: the bytes come back
 * exact across chunk borders, the cap holds to the byte, and a file that states no size (a device)
 * is still read only to the cap.
 */
class BoundedFilesTest {
    @TempDir Path dir;

    @Test
    void readsAFileLargerThanOneChunkExactly() throws Exception {
        byte[] content = new byte[(3 << 20) + 12345];
        new Random(16).nextBytes(content);
        Path file = Files.write(dir.resolve("big"), content);
        assertArrayEquals(content, BoundedFiles.read(file, content.length, "the list", "--cap"));
    }

    @Test
    void theCapHoldsToTheByte() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[1000]);
        assertEquals(1000, BoundedFiles.read(file, 1000, "the list", "--cap").length);
        InputTooLargeException refused =
                assertThrows(
                        InputTooLargeException.class,
                        () -> BoundedFiles.read(file, 999, "the list", "--cap"));
        assertTrue(refused.getMessage().contains("--cap"), refused.getMessage());
    }

    @Test
    void anEmptyFileIsEmpty() throws Exception {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals(0, BoundedFiles.read(file, 10, "the list", "--cap").length);
    }

    @Test
    void aDeviceWithoutSizeIsReadOnlyToTheCap() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertThrows(
                InputTooLargeException.class,
                () -> BoundedFiles.read(zero, 5000, "the list", "--cap"));
    }

    @Test
    void aMissingFileIsNamed() {
        BoundedFiles.InputMissingException missing =
                assertThrows(
                        BoundedFiles.InputMissingException.class,
                        () -> BoundedFiles.read(dir.resolve("nope"), 10, "the list", "--cap"));
        assertEquals(dir.resolve("nope"), missing.file());
    }
}
