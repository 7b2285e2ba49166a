package org.starttlslist.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;

/** A diff argument that names no list, or one larger than any mirror takes, by its facts. */
class ListInputsTest {
    @TempDir Path dir;

    @Test
    void aMissingFileIsNamed() {
        var e =
                assertThrows(
                        ListNotFoundException.class,
                        () -> ListInputs.read("old/policy.json", new ListRepository(dir)));
        assertEquals("old/policy.json", e.argument());
    }

    @Test
    void aFileLargerThanTheCapIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.json");
        // Sparse: the size is what counts, so the test writes no 16 MiB.
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(ListInputs.MAX_LIST_BYTES + 1);
        }
        var e =
                assertThrows(
                        ListTooLargeException.class,
                        () -> ListInputs.read("big.json", new ListRepository(dir)));
        assertEquals("big.json", e.argument());
        assertEquals(ListInputs.MAX_LIST_BYTES + 1, e.size());
    }
}
