package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.TestKeys;

/**
 * {@link DataDigest#read} hands out exactly the bytes of the file and the SHA-512 of exactly those
 * bytes, whatever the file's size against its 1 MiB slices, also when the size the file system
 * reports is not the size read (a FIFO reports 0), and a signature made from it is the one made
 * from the bytes themselves.
 */
class DataDigestTest {
    private static final int SLICE = 1 << 20;

    @TempDir Path dir;

    @Test
    void readGivesTheFileAndItsDigestAtEverySizeAroundASlice() throws Exception {
        Random random = new Random(16);
        for (int size : new int[] {0, 1, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 12_345}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve("list-" + size), content);
            DataDigest digest = DataDigest.read(file);
            assertArrayEquals(content, digest.data(), "bytes of a file of " + size);
            assertArrayEquals(sha512(content), digest.afterData().digest(), "digest at " + size);
            // Each call gives a fresh copy of the state: the signer's trailer goes into its own.
            assertArrayEquals(sha512(content), digest.afterData().digest(), "second copy");
        }
    }

    @Test
    void aFileWhoseReportedSizeIsWrongIsReadToItsEnd() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "no mkfifo on this machine");
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        byte[] content = new byte[2 * SLICE + 7];
        new Random(7).nextBytes(content);
        Thread writer =
                new Thread(
                        () -> {
                            try (OutputStream out = Files.newOutputStream(fifo)) {
                                out.write(content);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        writer.start();
        DataDigest digest = DataDigest.read(fifo);
        assertArrayEquals(content, digest.data());
        assertArrayEquals(sha512(content), digest.afterData().digest());
        writer.join();
    }

    @Test
    void workOnTheReadBytesSeesExactlyTheBytesHashed() throws Exception {
        byte[] content = new byte[SLICE + 5];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("worked-on"), content);
        DataDigest digest = DataDigest.read(file);
        byte[] seen = digest.whenRead(bytes -> bytes).join();
        assertArrayEquals(content, seen);
        assertTrue(digest.isOf(seen), "the bytes worked on are the bytes hashed");
        assertArrayEquals(sha512(content), digest.afterData().digest());
    }

    @Test
    void aMissingFileFailsAtOnceAndADirectoryWhenItsBytesAreAskedFor() throws Exception {
        assertThrows(NoSuchFileException.class, () -> DataDigest.read(dir.resolve("missing")));
        DataDigest directory = DataDigest.read(Files.createDirectory(dir.resolve("a-dir")));
        UncheckedIOException failure = assertThrows(UncheckedIOException.class, directory::data);
        assertTrue(failure.getCause().getMessage().contains("directory"), failure.toString());
    }

    @Test
    void aSignatureFromReadBytesIsTheSignatureOfTheBytes() throws Exception {
        byte[] content = new byte[SLICE + 99];
        new Random(99).nextBytes(content);
        Path file = Files.write(dir.resolve("signed"), content);
        SigningKey signing =
                SigningKey.fromBytes(
                        TestKeys.ed25519("data-digest-read").secretKey(),
                        TestKeys.PASSPHRASE.toCharArray(),
                        "test");
        DataDigest digest = DataDigest.read(file);
        byte[] read = digest.data();
        assertArrayEquals(
                signing.signDetached(content, PrehashedSigningTest.AT),
                signing.signDetached(read, PrehashedSigningTest.AT, digest));
        assertEquals(content.length, read.length);
    }

    private static byte[] sha512(byte[] content) throws Exception {
        return MessageDigest.getInstance("SHA-512").digest(content);
    }
}
