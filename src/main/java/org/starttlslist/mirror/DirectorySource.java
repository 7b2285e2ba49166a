package org.starttlslist.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A local directory: one holding {@code policy.json} and {@code policy.json.asc}, another mirror's
 * directory (its {@code current} pair) or a checkout of the list repository ({@code release/}).
 */
public final class DirectorySource implements ListSource {
    private final Path directory;

    public DirectorySource(Path directory) {
        this.directory = directory;
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public ListPair fetch(FetchLimits limits) {
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
        if (other.currentRelease().isPresent()) {
            // Resolved once, so both files come from the same release even if that mirror switches.
            return other.currentRelease().get();
        }
        if (Files.exists(directory.resolve("release").resolve(MirrorLayout.LIST))) {
            return directory.resolve("release");
        }
        throw new FetchFailedException(directory.toString(), "it holds no " + MirrorLayout.LIST
                + " (nor current/ or release/ with one)");
    }

    /** Reads at most the cap plus one byte, so a huge or growing file is never read whole. */
    static byte[] read(Path file, FetchLimits limits) {
        String name = file.getFileName().toString();
        long cap = limits.capFor(name);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            limits.check(file.toString(), name, bytes.length);
            return bytes;
        } catch (NoSuchFileException e) {
            throw new FetchFailedException(file.toString(), "the file does not exist"
                    + (name.endsWith(".asc") ? "; a list is only mirrored with its signature" : ""));
        } catch (IOException e) {
            throw new FetchFailedException(file.toString(), e.getMessage(), e);
        }
    }
}
