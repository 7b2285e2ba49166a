package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/** The maintainers' public keys in {@code release/keys/*.asc}: the keys mirrors pin. */
public final class PinnedKeys {
    private PinnedKeys() {}

    public static List<Path> files(ListRepository repository) {
        Path dir = repository.keysDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".asc") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot list " + repository.display(dir) + ": " + e.getMessage(), e);
        }
    }
}
