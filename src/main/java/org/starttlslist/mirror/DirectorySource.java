package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.starttlslist.files.BoundedFiles;

/**
 * A local directory: one holding {@code policy.json} and {@code policy.json.asc}, another mirror's
 * directory (its {@code current} pair) or a checkout of the list repository ({@code release/}).
 *
 * <p>Only regular files are read, and the whole fetch has the same deadline as a download: a FIFO
 * or device is refused before it is opened, and a file that blocks anyway (a FIFO swapped in after
 * the check, a hung network file system) is abandoned at the deadline, so the run ends and releases
 * its lock.
 */
public class DirectorySource implements ListSource {
    private final Path directory;
    private final Duration timeout;

    public DirectorySource(Path directory, Duration timeout) {
        this.directory = directory;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public ListPair fetch(FetchLimits limits) {
        CompletableFuture<ListPair> read = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                read.complete(readPair(limits));
                            } catch (Throwable t) {
                                read.completeExceptionally(t);
                            }
                        },
                        "mirror-directory-source");
        reader.setDaemon(true); // a read stuck in the kernel must not keep the JVM alive
        reader.start();
        try {
            return read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            throw new FetchFailedException(
                    directory.toString(),
                    "the files could not be read within "
                            + timeout.toSeconds()
                            + " s (a FIFO, or a hung file system?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException(directory.toString(), "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof OutOfMemoryError memory) {
                throw memory; // the command's one line for it, not "cannot fetch"
            }
            throw new FetchFailedException(
                    directory.toString(), String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Reads the pair; runs on a thread of its own so that {@link #fetch} can give up at the
     * deadline.
     */
    ListPair readPair(FetchLimits limits) {
        Path base = pairDirectory();
        byte[] list = read(base.resolve(MirrorLayout.LIST), limits);
        byte[] signature = read(base.resolve(MirrorLayout.SIGNATURE), limits);
        return new ListPair(list, signature, base.toString());
    }

    private Path pairDirectory() {
        if (!Files.isDirectory(directory)) {
            throw new FetchFailedException(directory.toString(), "no such directory");
        }
        if (Files.exists(directory.resolve(MirrorLayout.LIST))) {
            return directory;
        }
        MirrorLayout other = new MirrorLayout(directory);
        java.util.Optional<Path> release = other.currentRelease();
        if (release.isPresent()) {
            // Resolved once, so both files come from the same release even if that mirror switches.
            return release.get();
        }
        if (Files.exists(directory.resolve("release").resolve(MirrorLayout.LIST))) {
            return directory.resolve("release");
        }
        throw new FetchFailedException(
                directory.toString(),
                "it holds no " + MirrorLayout.LIST + " (nor current/ or release/ with one)");
    }

    /**
     * Reads at most the cap plus one byte of a regular file, so a huge or growing file is never
     * read whole.
     */
    static byte[] read(Path file, FetchLimits limits) {
        String name = file.getFileName().toString();
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                throw new FetchFailedException(
                        file.toString(),
                        "not a regular file (a FIFO, device or directory is never read)");
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                return BoundedFiles.readCapped(
                        channel, limits.capFor(name), file.toString(), FetchLimits.optionFor(name));
            }
        } catch (NoSuchFileException e) {
            throw new FetchFailedException(
                    file.toString(),
                    "the file does not exist"
                            + (name.endsWith(".asc")
                                    ? "; a list is only mirrored with its signature"
                                    : ""));
        } catch (IOException e) {
            throw new FetchFailedException(file.toString(), e.getMessage(), e);
        }
    }
}
