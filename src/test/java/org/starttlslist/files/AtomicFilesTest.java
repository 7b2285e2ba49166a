package org.starttlslist.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    void streamedContentIsWrittenWhole(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("list.json");
        AtomicFiles.write(
                target,
                channel -> {
                    AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[] {1, 2}));
                    AtomicFiles.writeFully(channel, ByteBuffer.wrap(new byte[] {3}));
                });
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    @Test
    void contentThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile(@TempDir Path dir)
            throws Exception {
        Path target = dir.resolve("list.json");
        AtomicFiles.write(target, new byte[] {9});
        IOException full = new IOException("No space left on device");
        IOException thrown =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        target,
                                        channel -> {
                                            AtomicFiles.writeFully(
                                                    channel, ByteBuffer.wrap(new byte[] {1, 2}));
                                            throw full;
                                        }));
        assertSame(full, thrown);
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aLinkAtTheTargetIsReplacedNotFollowed(@TempDir Path dir) throws Exception {
        // The new bytes go to a file created exclusively and renamed over the target: a link
        // planted at the target is replaced, and what it pointed to is untouched.
        Path victim = dir.resolve("victim");
        Files.write(victim, new byte[] {7});
        Path target = dir.resolve("list.json");
        Files.createSymbolicLink(target, victim);
        AtomicFiles.write(target, new byte[] {1});
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(victim));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertFalse(Files.isSymbolicLink(target));
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
