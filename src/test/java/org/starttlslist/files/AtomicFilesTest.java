package org.starttlslist.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void replacesContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("sub/policy.json");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        AtomicFiles.write(target, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void createsWithTheGivenPermissions(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("secret.asc");
        AtomicFiles.write(target, new byte[] {1}, PosixFilePermissions.fromString("rw-------"));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aNewFileIsReadableAsAnOrdinaryWriteWouldLeaveIt(@TempDir Path dir) throws Exception {
        // What the umask leaves of rw-rw-rw- for an ordinary new file, less group write.
        Path reference = Files.write(dir.resolve("reference"), new byte[] {0});
        java.util.Set<java.nio.file.attribute.PosixFilePermission> expected =
                Files.getPosixFilePermissions(reference);
        expected.remove(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
        expected.remove(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        Path target = dir.resolve("policy.json.asc");
        AtomicFiles.write(target, new byte[] {1});
        assertEquals(
                PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void replacingAFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
        Path target = Files.write(dir.resolve("policy.json"), new byte[] {0});
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(target, new byte[] {1});
        assertEquals(
                "rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }
}
