package org.starttlslist.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.starttlslist.files.BoundedFiles;
import org.starttlslist.files.InputTooLargeException;

/**
 * The data to sign and its SHA-512, read and hashed on a thread of its own while the key is
 * unlocked.
 *
 * <p>Why: {@code sign} spends most of its time on two things that do not depend on each other:
 * unlocking the key (the passphrase's iterated S2K) and reading and hashing a 20 MB list. Started
 * before the key is unlocked, reading and hashing run on the second core meanwhile, and the
 * signature then hashes only its own trailer. Only the data is hashed here; nothing secret crosses
 * the thread.
 *
 * <p>The JDK's SHA-512, not BouncyCastle's: in a run this short the JDK's reaches its compiled
 * intrinsic after ~0.1 s, BouncyCastle's pure-Java digest takes ~0.5 s for 20 MB (README,
 * benchmarks). The file is read as {@link BoundedFiles#readCapped} reads, in 1 MiB slices into one
 * array of its size: {@code Files.readAllBytes} would also fill a temporary native buffer of the
 * whole file's size, and fresh memory is what a short run pays most for.
 */
public final class DataDigest {
    private final CompletableFuture<byte[]> data;
    private final CompletableFuture<MessageDigest> digest;

    private DataDigest(CompletableFuture<byte[]> data, CompletableFuture<MessageDigest> digest) {
        this.data = data;
        this.digest = digest;
    }

    /**
     * Starts hashing {@code data} (which must not change afterwards) on a daemon thread. For tests
     * that compare with a digest of bytes in hand; {@code sign} uses {@link #read}.
     */
    static DataDigest start(byte[] data) {
        CompletableFuture<MessageDigest> digest = new CompletableFuture<>();
        background(
                () -> {
                    MessageDigest sha512 = sha512();
                    sha512.update(data, 0, data.length);
                    digest.complete(sha512);
                },
                digest);
        return new DataDigest(CompletableFuture.completedFuture(data), digest);
    }

    /**
     * Opens {@code file} and starts reading it and hashing what is read on a daemon thread; {@link
     * #data()} gives the bytes, exactly the bytes hashed.
     *
     * @throws IOException when the file cannot be opened (a later read error comes from {@link
     *     #data()})
     */
    public static DataDigest read(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        CompletableFuture<byte[]> data = new CompletableFuture<>();
        CompletableFuture<MessageDigest> digest = new CompletableFuture<>();
        background(
                () -> {
                    MessageDigest sha512 = sha512();
                    byte[] bytes;
                    try (channel) {
                        bytes = readHashing(channel, sha512);
                    } catch (IOException e) {
                        UncheckedIOException failure = new UncheckedIOException(e);
                        data.completeExceptionally(failure);
                        digest.completeExceptionally(failure);
                        return;
                    }
                    // The digest first: what waits on the data (see whenRead) runs on this thread.
                    digest.complete(sha512);
                    data.complete(bytes);
                },
                digest,
                data);
        return new DataDigest(data, digest);
    }

    /**
     * The bytes read (or given), waiting for the read to finish.
     *
     * @throws UncheckedIOException when the file could not be read (its cause says why)
     */
    public byte[] data() {
        return await(data);
    }

    /**
     * {@code work} applied to the bytes once they are read, on the reading thread when it is still
     * running (after the hash, so it never delays the digest): work on the data that the caller
     * needs only after unlocking the key.
     */
    public <T> CompletableFuture<T> whenRead(Function<byte[], T> work) {
        return data.thenApply(work);
    }

    /** Whether this is the digest of exactly this array (the one read or given). */
    boolean isOf(byte[] candidate) {
        return data.isDone() && !data.isCompletedExceptionally() && candidate == data.join();
    }

    /** A copy of the digest state after the data, waiting for the hash to finish. */
    MessageDigest afterData() {
        try {
            return (MessageDigest) await(digest).clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-512 cannot be copied", e);
        }
    }

    /** The most a Java array holds: a larger file cannot be signed in-process. */
    private static final long LARGEST = Integer.MAX_VALUE - 8L;

    private static byte[] readHashing(FileChannel channel, MessageDigest sha512)
            throws IOException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.readCapped(channel, LARGEST, "the file", "nothing");
        } catch (InputTooLargeException e) {
            throw new IOException(
                    "larger than " + LARGEST + " bytes, more than a Java array holds");
        }
        sha512.update(bytes, 0, bytes.length);
        return bytes;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    private static void background(Runnable work, CompletableFuture<?>... outcomes) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                work.run();
                            } catch (RuntimeException | Error e) {
                                for (CompletableFuture<?> outcome : outcomes) {
                                    outcome.completeExceptionally(e);
                                }
                            }
                        },
                        "data-digest");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T await(CompletableFuture<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io;
            }
            throw new IllegalStateException("reading or hashing the data failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
