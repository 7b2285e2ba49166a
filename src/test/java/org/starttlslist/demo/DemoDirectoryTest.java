package org.starttlslist.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;

/** The demo replaces only a directory it made itself. */
class DemoDirectoryTest {
    @TempDir Path dir;

    @Test
    void makesAMissingDirectoryAndMarksIt() {
        Path demo = dir.resolve("demo");
        Demo.prepare(demo);
        assertTrue(Files.exists(demo.resolve(Demo.MARKER)));
    }

    @Test
    void replacesAPreviousDemo() throws Exception {
        Path demo = dir.resolve("demo");
        Demo.prepare(demo);
        Files.createDirectories(demo.resolve("list/policies"));
        Files.writeString(demo.resolve("list/policies/a.json"), "{}");
        String said = Demo.prepare(demo);
        assertTrue(said.contains("previous demo"), said);
        assertFalse(Files.exists(demo.resolve("list")));
        assertTrue(Files.exists(demo.resolve(Demo.MARKER)));
    }

    @Test
    void refusesADirectoryItDidNotMake() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("precious.txt"), "keep me");
        var refused = assertThrows(DemoDirectoryInUseException.class, () -> Demo.prepare(mine));
        assertEquals(mine, refused.directory());
        assertEquals("keep me", Files.readString(mine.resolve("precious.txt")));
    }

    @Test
    void doesNotFollowALinkOutOfAPreviousDemo() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path demo = dir.resolve("demo");
        Demo.prepare(demo);
        Files.createSymbolicLink(demo.resolve("link"), outside);
        Demo.prepare(demo);
        assertEquals("keep me", Files.readString(outside.resolve("precious.txt")));
    }

    @Test
    void refusesTheSourceRepositoryOrADirectoryAboveIt() {
        ListRepository source = new ListRepository(dir.resolve("repo"));
        StringWriter out = new StringWriter();
        DemoKey.Maker never =
                (d, now) -> {
                    throw new AssertionError("no key before the directory is checked");
                };
        assertThrows(
                DemoDirectoryInUseException.class,
                () ->
                        Demo.run(
                                source,
                                dir,
                                Instant.parse("2026-11-28T12:00:00Z"),
                                never,
                                new PrintWriter(out)));
        assertThrows(
                DemoDirectoryInUseException.class,
                () ->
                        Demo.run(
                                source,
                                dir.resolve("repo"),
                                Instant.parse("2026-11-28T12:00:00Z"),
                                never,
                                new PrintWriter(out)));
    }
}
