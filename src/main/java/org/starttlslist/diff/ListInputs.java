package org.starttlslist.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/**
 * Reads a list named on the command line: a file, or {@code REF:path} (a git revision and a path in
 * its tree, as {@code git show} takes them). An existing file wins, so a file name with a colon
 * still works.
 */
public final class ListInputs {
    /** The most a list may have, as mirrors take it ({@code FetchLimits}' default): 16 MiB. */
    public static final long MAX_LIST_BYTES = 16L * 1024 * 1024;

    private ListInputs() {}

    public static byte[] read(String argument, ListRepository repository) {
        Path file = repository.root().resolve(argument);
        int colon = argument.indexOf(':');
        if (!Files.exists(file) && colon > 0) {
            // Only here is JGit loaded: plain file diffs never touch it.
            return GitBlobs.read(
                    repository.root(),
                    argument.substring(0, colon),
                    argument.substring(colon + 1),
                    argument);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_LIST_BYTES) {
                throw new ListTooLargeException(argument, size, MAX_LIST_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ListNotFoundException(
                    argument,
                    "no such file (for a list in git, write REF:path, e.g. HEAD~1:release/policy.json)");
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + argument + ": " + e.getMessage(), e);
        }
    }
}
