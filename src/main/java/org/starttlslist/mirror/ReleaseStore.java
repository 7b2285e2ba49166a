package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>Why a reader can never see a mix: the pair is written into a new directory, both files
 * flushed to disk, and only then renamed to its final name; {@code current} is a symlink that is
 * replaced by one {@code rename(2)} of a fresh link over it. Before the rename a reader resolves
 * {@code current} to the old directory, after it to the new one; directories are never changed
 * once named. A crash at any point leaves the old {@code current} intact and at most a stray
 * staging directory or link, which the next run removes.
 */
final class ReleaseStore {
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String STAGING_PREFIX = ".staging-";
    private static final String LINK_PREFIX = "current.tmp-";
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> PUBLIC_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private final MirrorLayout layout;

    ReleaseStore(MirrorLayout layout) {
        this.layout = layout;
    }

    static String releaseName(Instant timestamp, byte[] list) {
        return NAME_TIME.format(timestamp) + "-" + HexFormat.of().formatHex(sha256(list)).substring(0, 12);
    }

    /** Writes the release directory and switches {@code current} to it; returns the directory. */
    Path install(ListPair pair, Instant timestamp) throws IOException {
        Path releases = Files.createDirectories(layout.releases());
        String name = releaseName(timestamp, pair.list());
        Path target = releases.resolve(name);
        Optional<Path> current = layout.currentRelease();
        boolean reuse = Files.isDirectory(target) && holds(target, pair);
        // Never rewrite the directory readers are using now.
        boolean isCurrent = current.isPresent() && current.get().getFileName().toString().equals(name);
        if (!reuse && !isCurrent) {
            Path staging = Files.createTempDirectory(releases, STAGING_PREFIX);
            // The list is public: the MTA's export, a web server or another user may read it.
            Files.setPosixFilePermissions(staging, PUBLIC_DIRECTORY);
            AtomicFiles.write(staging.resolve(MirrorLayout.LIST), pair.list(), PUBLIC_FILE);
            AtomicFiles.write(staging.resolve(MirrorLayout.SIGNATURE), pair.signature(), PUBLIC_FILE);
            AtomicFiles.syncDirectory(staging);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // A leftover of a run that died before switching; it is not current.
                FileTrees.delete(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(releases);
        }
        Path link = layout.root().resolve(LINK_PREFIX + UUID.randomUUID());
        Files.createSymbolicLink(link, Path.of(layout.releases().getFileName().toString(), name));
        try {
            Files.move(link, layout.current(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(link);
        }
        AtomicFiles.syncDirectory(layout.root());
        return target;
    }

    private static boolean holds(Path directory, ListPair pair) throws IOException {
        Path list = directory.resolve(MirrorLayout.LIST);
        Path signature = directory.resolve(MirrorLayout.SIGNATURE);
        return Files.isRegularFile(list) && Files.isRegularFile(signature)
                && Arrays.equals(Files.readAllBytes(list), pair.list())
                && Arrays.equals(Files.readAllBytes(signature), pair.signature());
    }

    /**
     * Keeps the newest {@code keep} releases (and always the current one); removes crash
     * leftovers. Runs after the switch and under the lock.
     */
    List<Path> prune(int keep) throws IOException {
        List<Path> removed = new ArrayList<>();
        Optional<Path> current = layout.currentRelease();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(layout.root(), LINK_PREFIX + "*")) {
            for (Path link : links) {
                Files.deleteIfExists(link);
            }
        }
        if (!Files.isDirectory(layout.releases())) {
            return removed;
        }
        List<Path> releases = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.releases())) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(STAGING_PREFIX)) {
                    FileTrees.delete(entry);
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    releases.add(entry);
                }
            }
        }
        releases.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        for (int i = keep; i < releases.size(); i++) {
            Path release = releases.get(i);
            if (current.isPresent() && current.get().equals(release.toRealPath())) {
                continue;
            }
            FileTrees.delete(release);
            removed.add(release);
        }
        return removed;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
