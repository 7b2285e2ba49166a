package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.files.FileTrees;

/**
 * Installs a pair as one unit and keeps the last few.
 *
 * <p>Why a reader can never see a mix: the pair is written into a new directory, both files flushed
 * to disk, and only then renamed to its final name; {@code current} is a symlink that is replaced
 * by one {@code rename(2)} of a fresh link over it. Before the rename a reader resolves {@code
 * current} to the old directory, after it to the new one; directories are never changed once named.
 * A crash at any point leaves the old {@code current} intact and at most a stray staging directory
 * or link, which the next run removes.
 */
final class ReleaseStore {
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String STAGING_PREFIX = ".staging-";
    private static final String LINK_PREFIX = "current.tmp-";
    static final Set<PosixFilePermission> PUBLIC_FILE =
            PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> PUBLIC_DIRECTORY =
            PosixFilePermissions.fromString("rwxr-xr-x");

    private final MirrorLayout layout;

    ReleaseStore(MirrorLayout layout) {
        this.layout = layout;
    }

    static String releaseName(Instant timestamp, byte[] list) {
        return NAME_TIME.format(timestamp)
                + "-"
                + HexFormat.of().formatHex(sha256(list)).substring(0, 12);
    }

    /** Writes the release directory and switches {@code current} to it; returns the directory. */
    Path install(ListPair pair, Instant timestamp) throws IOException {
        Path releases = releasesDirectory();
        String name = releaseName(timestamp, pair.list());
        Path target = releases.resolve(name);
        Optional<Path> current = layout.currentRelease();
        boolean reuse = isOwnDirectory(target) && holds(target, pair);
        // Never rewrite the directory readers are using now.
        boolean isCurrent =
                current.isPresent() && current.get().getFileName().toString().equals(name);
        if (!reuse && !isCurrent) {
            Path staging = Files.createTempDirectory(releases, STAGING_PREFIX);
            // The list is public: the MTA's export, a web server or another user may read it.
            Files.setPosixFilePermissions(staging, PUBLIC_DIRECTORY);
            AtomicFiles.write(staging.resolve(MirrorLayout.LIST), pair.list(), PUBLIC_FILE);
            AtomicFiles.write(
                    staging.resolve(MirrorLayout.SIGNATURE), pair.signature(), PUBLIC_FILE);
            AtomicFiles.syncDirectory(staging);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // A leftover of a run that died before switching; it is not current. Removed only
                // when it holds nothing but what the mirror writes.
                if (!deleteOwnRelease(target)) {
                    FileTrees.delete(staging);
                    throw new MirrorStateException(
                            target,
                            "holds files other than "
                                    + MirrorLayout.LIST
                                    + " and "
                                    + MirrorLayout.SIGNATURE
                                    + " (or is a link)");
                }
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(releases);
        }
        Path link = layout.root().resolve(LINK_PREFIX + UUID.randomUUID());
        Files.createSymbolicLink(link, Path.of(MirrorLayout.RELEASES, name));
        try {
            Files.move(link, layout.current(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(link);
        }
        AtomicFiles.syncDirectory(layout.root());
        return target;
    }

    /** {@code DIR/releases}, created when absent; refused when it is a link or not a directory. */
    private Path releasesDirectory() throws IOException {
        Path releases = layout.releases();
        MirrorLayout.requireDirectoryOrAbsent(releases);
        if (MirrorLayout.attributes(releases).isEmpty()) {
            Files.createDirectory(releases);
        }
        return releases;
    }

    private static boolean isOwnDirectory(Path path) {
        return MirrorLayout.attributes(path).map(BasicFileAttributes::isDirectory).orElse(false);
    }

    private static boolean holds(Path directory, ListPair pair) throws IOException {
        try {
            return Arrays.equals(
                            MirrorLayout.readOwnFile(
                                    directory.resolve(MirrorLayout.LIST), pair.list().length, "-"),
                            pair.list())
                    && Arrays.equals(
                            MirrorLayout.readOwnFile(
                                    directory.resolve(MirrorLayout.SIGNATURE),
                                    pair.signature().length,
                                    "-"),
                            pair.signature());
        } catch (NoSuchFileException | RuntimeException e) {
            // Missing, larger, or not a plain file: not this pair.
            return false;
        }
    }

    /**
     * Keeps the newest {@code keep} releases (and always the current one); removes crash leftovers.
     * Runs after the switch and under the lock. Removes only what it can prove is its own: links
     * named {@code current.tmp-*}, and real directories with a release or staging name that hold
     * nothing but the files the mirror writes. Anything else stays, with a note.
     */
    List<Path> prune(int keep, List<String> notes) throws IOException {
        List<Path> removed = new ArrayList<>();
        Optional<Path> current = layout.currentRelease();
        try (DirectoryStream<Path> links =
                Files.newDirectoryStream(layout.root(), LINK_PREFIX + "*")) {
            for (Path link : links) {
                if (MirrorLayout.attributes(link)
                        .map(BasicFileAttributes::isSymbolicLink)
                        .orElse(false)) {
                    Files.deleteIfExists(link);
                }
            }
        }
        if (!isOwnDirectory(layout.releases())) {
            return removed;
        }
        List<Path> releases = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.releases())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isOwnDirectory(entry)) {
                    continue; // not a directory the mirror made: never touched
                }
                if (name.startsWith(STAGING_PREFIX)) {
                    if (!deleteOwnRelease(entry)) {
                        notes.add(
                                "left "
                                        + entry
                                        + " in place: it holds files the mirror did not write");
                    }
                } else if (MirrorLayout.RELEASE_NAME.matcher(name).matches()) {
                    releases.add(entry);
                }
            }
        }
        releases.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        for (int i = keep; i < releases.size(); i++) {
            Path release = releases.get(i);
            if (current.isPresent() && current.get().equals(release)) {
                continue;
            }
            if (deleteOwnRelease(release)) {
                removed.add(release);
            } else {
                notes.add("left " + release + " in place: it holds files the mirror did not write");
            }
        }
        return removed;
    }

    /**
     * Deletes a release or staging directory when everything in it is a regular file the mirror
     * writes (the pair, or an interrupted atomic write of one); false, deleting nothing, otherwise.
     */
    private static boolean deleteOwnRelease(Path directory) throws IOException {
        if (!isOwnDirectory(directory)) {
            return false;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean ownName =
                        name.equals(MirrorLayout.LIST)
                                || name.equals(MirrorLayout.SIGNATURE)
                                || (name.startsWith("." + MirrorLayout.LIST + ".")
                                        && name.endsWith(".tmp"));
                boolean regular =
                        MirrorLayout.attributes(entry)
                                .map(BasicFileAttributes::isRegularFile)
                                .orElse(false);
                if (!ownName || !regular) {
                    return false;
                }
                files.add(entry);
            }
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        Files.delete(directory);
        return true;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
