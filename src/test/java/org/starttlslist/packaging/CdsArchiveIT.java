package org.starttlslist.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' class-data-sharing archive: made once, used afterwards, and made again or left
 * unused, without a word on either output, when it does not match the jar or the Java runtime. A
 * run must print exactly what it prints without one (--format json reads standard output).
 */
class CdsArchiveIT {
    @TempDir Path tmp;

    /** A checkout as the launcher sees it: the script, the built jar, this repository's list. */
    private Path checkout() throws Exception {
        Path jar = Path.of("target/starttls-list.jar");
        assumeTrue(Files.exists(jar), "no target/starttls-list.jar: run mvn package");
        Path here = tmp.resolve("checkout");
        Files.createDirectories(here.resolve("target"));
        Files.copy(Path.of("starttls-list"), here.resolve("starttls-list"));
        Files.setPosixFilePermissions(
                here.resolve("starttls-list"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(jar, here.resolve("target/starttls-list.jar"));
        Shell.ok("cp", "-r", Path.of("policies").toString(), here.toString());
        Shell.ok("cp", "-r", Path.of("release").toString(), here.toString());
        return here;
    }

    /** validate of the copied list, run without any archive: what every run must print. */
    private static String plainValidate(Path here) throws Exception {
        return Shell.ok(
                "java",
                "-Xshare:off",
                "-jar",
                here.resolve("target/starttls-list.jar").toString(),
                "-C",
                here.toString(),
                "validate");
    }

    @Test
    void checkoutLauncher_makesTheArchiveOnceAndSurvivesABadOne() throws Exception {
        Path here = checkout();
        Path launcher = here.resolve("starttls-list");
        Path archive = here.resolve("target/starttls-list.jsa");
        Path stamp = here.resolve("target/starttls-list.jsa.stamp");
        String version =
                Shell.ok(
                        "java",
                        "-Xshare:off",
                        "-jar",
                        here.resolve("target/starttls-list.jar").toString(),
                        "--version");
        String expected = plainValidate(here);
        String[] validate = {launcher.toString(), "-C", here.toString(), "validate"};

        assertEquals(version, Shell.ok(launcher.toString(), "--version"), "first run");
        assertTrue(Files.isRegularFile(archive), "the archive was made");
        // The stamp: the runtime's resolved path, then the jar's, a line each.
        List<String> lines = Files.readAllLines(stamp);
        assertEquals(2, lines.size(), lines.toString());
        Path runtime = Path.of(lines.get(0));
        assertEquals(runtime.toRealPath(), runtime, "the runtime's path is resolved");
        assertEquals(here.resolve("target/starttls-list.jar").toString(), lines.get(1));
        FileTime made = Files.getLastModifiedTime(archive);
        assertEquals(expected, Shell.ok(validate), "with the archive");
        assertEquals(made, Files.getLastModifiedTime(archive), "not made again");

        // The same runtime named through a link: the launcher compares files, not names.
        Path link = Files.createSymbolicLink(tmp.resolve("java-link"), runtime);
        Files.write(stamp, List.of(link.toString(), lines.get(1)));
        assertEquals(expected, Shell.ok(validate), "runtime named through a link");
        assertEquals(
                made, Files.getLastModifiedTime(archive), "a link to the same runtime matches");
        Files.delete(link); // JUnit warns about a link out of its temporary directory

        // Garbage where the archive was, with a matching stamp: ignored without a word.
        Files.writeString(archive, "not an archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(expected, Shell.ok(validate), "garbage archive");

        // A JVM that cannot use the archive (here: one made for another jar, as after an upgrade
        // the launcher did not see) says so on standard output unless told not to.
        Path other = Files.copy(here.resolve("target/starttls-list.jar"), tmp.resolve("other.jar"));
        Shell.ok(
                "java",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ArchiveClassesAtExit=" + archive,
                "-jar",
                other.toString(),
                "--version");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(expected, Shell.ok(validate), "archive of another jar");

        // Another Java runtime (or jar path) in the stamp: the archive is made again.
        Files.write(stamp, List.of("/opt/another/java", lines.get(1)));
        assertEquals(expected, Shell.ok(validate), "stale stamp");
        assertEquals(lines, Files.readAllLines(stamp), "made again, for this runtime");
        Files.write(stamp, List.of(lines.get(0), tmp.resolve("elsewhere.jar").toString()));
        Object before = Files.getAttribute(archive, "unix:ino");
        assertEquals(expected, Shell.ok(validate), "stamp of another jar path");
        assertEquals(lines, Files.readAllLines(stamp), "made again, for this jar");
        // Made again means a new file moved into place, not the old one kept.
        assertNotEquals(before, Files.getAttribute(archive, "unix:ino"), "the archive is new");

        // A stamp in the launchers' earlier one-line form ("JAVA JAR"), as an existing
        // installation has it: not a match, so the archive is made once more, with a new stamp.
        Files.writeString(stamp, lines.get(0) + " " + lines.get(1) + "\n");
        before = Files.getAttribute(archive, "unix:ino");
        assertEquals(expected, Shell.ok(validate), "stamp of the earlier form");
        assertEquals(lines, Files.readAllLines(stamp), "the stamp in today's form");
        assertNotEquals(before, Files.getAttribute(archive, "unix:ino"), "made again once");
        assertEquals(expected, Shell.ok(validate), "made again");
    }
}
