package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Where a mirror keeps things in its directory:
 *
 * <pre>
 * DIR/current                      → releases/&lt;name&gt; (a relative symlink, replaced atomically)
 * DIR/releases/&lt;name&gt;/policy.json   the exact bytes received
 * DIR/releases/&lt;name&gt;/policy.json.asc
 * DIR/.lock                        held while a run works on DIR
 * DIR/.cache/git                   bare repository for git sources
 * </pre>
 *
 * <p>{@code <name>} is {@code <timestamp yyyyMMdd'T'HHmmss'Z'>-<first 12 hex digits of the list's
 * SHA-256>}, so names sort by list time. A release directory never changes once it is named;
 * a reader that resolves {@code current} once reads a consistent pair.
 */
public record MirrorLayout(Path root) {
    public static final String LIST = "policy.json";
    public static final String SIGNATURE = "policy.json.asc";

    public Path current() {
        return root.resolve("current");
    }

    public Path releases() {
        return root.resolve("releases");
    }

    public Path lockFile() {
        return root.resolve(".lock");
    }

    public Path gitCache() {
        return root.resolve(".cache").resolve("git");
    }

    /** The release directory {@code current} points to now, resolved once; empty before the first install. */
    public Optional<Path> currentRelease() {
        try {
            return Optional.of(current().toRealPath());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot resolve " + current() + ": " + e.getMessage(), e);
        }
    }

    /** A list file and the signature beside it. */
    public record ListFiles(Path list, Path signature) {}

    /**
     * The list an operator points a consumer at: a mirror directory (its current pair), a
     * directory holding {@code policy.json}, or a list file (its {@code .asc} beside it).
     */
    public static ListFiles locate(Path dirOrFile) {
        if (Files.isDirectory(dirOrFile)) {
            MirrorLayout layout = new MirrorLayout(dirOrFile);
            if (Files.exists(layout.current(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Path release = layout.currentRelease().orElseThrow(() -> new CouldNotCompleteException(
                        layout.current() + " is a broken link; run the mirror again to repair it"));
                return new ListFiles(release.resolve(LIST), release.resolve(SIGNATURE));
            }
            if (Files.exists(dirOrFile.resolve(LIST))) {
                return new ListFiles(dirOrFile.resolve(LIST), dirOrFile.resolve(SIGNATURE));
            }
            throw new CouldNotCompleteException(dirOrFile + " holds neither current/ (a mirror directory) nor "
                    + LIST + "; point --list at a mirror directory or a policy.json file");
        }
        return new ListFiles(dirOrFile, dirOrFile.resolveSibling(dirOrFile.getFileName() + ".asc"));
    }
}
