package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.BoundedFiles;

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
 * SHA-256>}, so names sort by list time. A release directory never changes once it is named; a
 * reader that resolves {@code current} once reads a consistent pair.
 *
 * <p>Everything inside DIR is treated as untrusted: entries are examined without following links
 * ({@link LinkOption#NOFOLLOW_LINKS}), {@code current} is accepted only as the link the mirror
 * makes ({@code releases/<name>}), and anything else is a {@link MirrorStateException}. So a link
 * planted in DIR can never make the mirror write, create or delete outside it.
 */
public record MirrorLayout(Path root) {
    public static final String LIST = "policy.json";
    public static final String SIGNATURE = "policy.json.asc";
    static final String RELEASES = "releases";

    /** The names {@link ReleaseStore#releaseName} gives. */
    static final Pattern RELEASE_NAME = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{12}");

    public Path current() {
        return root.resolve("current");
    }

    public Path releases() {
        return root.resolve(RELEASES);
    }

    public Path lockFile() {
        return root.resolve(".lock");
    }

    public Path cache() {
        return root.resolve(".cache");
    }

    public Path gitCache() {
        return cache().resolve("git");
    }

    /**
     * The release directory {@code current} points to now, resolved once and checked entry by
     * entry; empty before the first install or when the link's target is gone.
     *
     * @throws MirrorStateException when {@code current}, {@code releases/} or the release is not
     *     what the mirror makes
     */
    public Optional<Path> currentRelease() {
        Optional<BasicFileAttributes> link = attributes(current());
        if (link.isEmpty()) {
            return Optional.empty();
        }
        if (!link.get().isSymbolicLink()) {
            throw new MirrorStateException(current(), "is not a symbolic link");
        }
        Path target;
        try {
            target = Files.readSymbolicLink(current());
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read the link " + current() + ": " + e.getMessage(), e);
        }
        if (target.getNameCount() != 2
                || target.isAbsolute()
                || !target.getName(0).toString().equals(RELEASES)
                || !RELEASE_NAME.matcher(target.getName(1).toString()).matches()) {
            throw new MirrorStateException(
                    current(), "points to " + target + ", not to releases/<name>");
        }
        requireDirectoryOrAbsent(releases());
        Path release = releases().resolve(target.getName(1).toString());
        Optional<BasicFileAttributes> directory = attributes(release);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        if (!directory.get().isDirectory()) {
            throw new MirrorStateException(
                    release,
                    directory.get().isSymbolicLink() ? "is a symbolic link" : "is not a directory");
        }
        return Optional.of(release);
    }

    /**
     * Refuses when {@code path} exists as anything but a real directory (a link to one included).
     */
    static void requireDirectoryOrAbsent(Path path) {
        Optional<BasicFileAttributes> attributes = attributes(path);
        if (attributes.isPresent() && !attributes.get().isDirectory()) {
            throw new MirrorStateException(
                    path,
                    attributes.get().isSymbolicLink()
                            ? "is a symbolic link"
                            : "is not a directory");
        }
    }

    /** The entry's own attributes, its link not followed; empty when it does not exist. */
    static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(
                    Files.readAttributes(
                            path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot examine " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file the mirror wrote: a regular file, opened without following a link, read up to {@code
     * cap}. A FIFO or device is refused before it is opened, so it cannot block.
     */
    static byte[] readOwnFile(Path file, long cap, String option) throws IOException {
        Optional<BasicFileAttributes> attributes = attributes(file);
        if (attributes.isEmpty()) {
            throw new NoSuchFileException(file.toString());
        }
        if (!attributes.get().isRegularFile()) {
            throw new MirrorStateException(file, "is not a regular file");
        }
        try (SeekableByteChannel channel =
                Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return BoundedFiles.readCapped(channel, cap, file.toString(), option);
        }
    }

    /** A list file and the signature beside it. */
    public record ListFiles(Path list, Path signature) {}

    /**
     * The list an operator points a consumer at: a mirror directory (its current pair), a directory
     * holding {@code policy.json}, or a list file (its {@code .asc} beside it).
     */
    public static ListFiles locate(Path dirOrFile) {
        if (Files.isDirectory(dirOrFile)) {
            MirrorLayout layout = new MirrorLayout(dirOrFile);
            if (Files.exists(layout.current(), LinkOption.NOFOLLOW_LINKS)) {
                Path release =
                        layout.currentRelease()
                                .orElseThrow(
                                        () ->
                                                new CouldNotCompleteException(
                                                        layout.current()
                                                                + " is a broken link; run the mirror again to repair it"));
                return new ListFiles(release.resolve(LIST), release.resolve(SIGNATURE));
            }
            if (Files.exists(dirOrFile.resolve(LIST))) {
                return new ListFiles(dirOrFile.resolve(LIST), dirOrFile.resolve(SIGNATURE));
            }
            throw new CouldNotCompleteException(
                    dirOrFile
                            + " holds neither current/ (a mirror directory) nor "
                            + LIST
                            + "; point --list at a mirror directory or a policy.json file");
        }
        return new ListFiles(dirOrFile, dirOrFile.resolveSibling(dirOrFile.getFileName() + ".asc"));
    }
}
