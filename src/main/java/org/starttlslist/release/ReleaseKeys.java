package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;
import org.starttlslist.verify.PinnedKeys;

/**
 * The maintainers' public keys in {@code release/keys/*.asc}, the keys mirrors pin, loaded once per
 * command through the one key parser ({@link PinnedKeys}) and handed to every check that needs
 * them. Callers load them from the committed tree they release or publish, never the working tree.
 */
public final class ReleaseKeys {
    private ReleaseKeys() {}

    /**
     * Every key in the repository's {@code release/keys/*.asc}; {@link PinnedKeys#NONE} when there
     * is none (then no signature verifies and no signer is a pinned maintainer).
     *
     * @throws org.starttlslist.verify.PinnedKeysUnusableException when a key file is unusable
     *     (validate reports it first, with its file, for every command that validates)
     */
    public static PinnedKeys load(ListRepository repository) {
        List<Path> files = files(repository);
        return files.isEmpty() ? PinnedKeys.NONE : PinnedKeys.load(files);
    }

    static List<Path> files(ListRepository repository) {
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
