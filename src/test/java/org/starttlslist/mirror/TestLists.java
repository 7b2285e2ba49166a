package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Signed test lists and a way to see whether a mirror directory changed. */
final class TestLists {
    /** The test clock: lists are made at T0 + n hours and mirrored a little later. */
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    static final Instant KEY_CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private TestLists() {}

    static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    /**
     * A valid list with one enforce domain per {@code domains}, made at {@code timestamp}, valid 14
     * days.
     */
    static byte[] list(Instant timestamp, int domains) {
        return list(timestamp, timestamp.plus(Duration.ofDays(14)), domains);
    }

    static byte[] list(Instant timestamp, Instant expires, int domains) {
        return org.starttlslist.testing.TestLists.list(timestamp, expires, domains);
    }

    /** A source directory holding exactly this pair. */
    static Path publish(Path dir, byte[] list, byte[] signature) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("policy.json"), list);
        if (signature != null) {
            Files.write(dir.resolve("policy.json.asc"), signature);
        } else {
            Files.deleteIfExists(dir.resolve("policy.json.asc"));
        }
        return dir;
    }

    /** Every file's bytes and every link's target under {@code dir}, except the lock file. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        if (!Files.exists(dir)) {
            return state;
        }
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return d.getFileName().toString().equals(".cache")
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        String name = dir.relativize(file).toString();
                        if (name.equals(".lock")) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (Files.isSymbolicLink(file)) {
                            state.put(name, "-> " + Files.readSymbolicLink(file));
                        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            state.put(
                                    name,
                                    new String(
                                            Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return state;
    }

    /** The list bytes {@code current} points to. */
    static byte[] installedList(Path mirror) throws IOException {
        return Files.readAllBytes(mirror.resolve("current").resolve("policy.json"));
    }
}
