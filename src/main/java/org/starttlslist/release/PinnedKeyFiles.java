package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.signing.ArmoredKeyFingerprints;
import org.starttlslist.source.ListRepository;

/** The maintainers' public keys in {@code release/keys/*.asc}: the keys mirrors pin. */
public final class PinnedKeyFiles {
    private PinnedKeyFiles() {}

    /** The primary-key fingerprints in {@code files}; unreadable files contribute none. */
    public static Set<String> fingerprints(List<Path> files) {
        Set<String> fingerprints = new TreeSet<>();
        for (Path file : files) {
            try {
                fingerprints.addAll(
                        ArmoredKeyFingerprints.primaryFingerprints(
                                Files.readAllBytes(file), file.toString()));
            } catch (IOException | RuntimeException e) {
                // The verifier reports an unusable key file with its reason; here it simply pins
                // nothing.
            }
        }
        return fingerprints;
    }

    public static List<Path> files(ListRepository repository) {
        Path dir = repository.keysDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            p ->
                                    p.getFileName().toString().endsWith(".asc")
                                            && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(dir) + ": " + e.getMessage(), e);
        }
    }
}
