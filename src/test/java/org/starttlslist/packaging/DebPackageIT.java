package org.starttlslist.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestLists;

/**
 * The Debian package on a real Debian machine, as an operator uses it: install with dpkg, run the
 * installed command, mirror with the packaged settings file as the package's user into the packaged
 * state directory, export the Postfix table with postmap, remove the package and find the
 * operator's files still there. Needs root and dpkg (CI has both) and the .deb from {@code mvn
 * -Pdeb package}; it refuses to run on a machine where starttls-list is set up already.
 */
class DebPackageIT {
    static final Path ETC = Path.of("/etc/starttls-list");
    static final Path STATE = Path.of("/var/lib/starttls-list");
    static Path deb;
    static Path work;

    @BeforeAll
    static void debianAndRoot() throws Exception {
        assumeTrue(
                Shell.onPath("dpkg") && Shell.root(),
                "needs root and dpkg (a Debian machine, as CI is)");
        deb = Shell.built("starttls-list_*.deb");
        assumeTrue(deb != null, "no target/starttls-list_*.deb: build it with mvn -Pdeb package");
        // A .deb left from an earlier -Pdeb build would test old code: its jar must be this
        // build's.
        String packaged =
                Shell.ok(
                        "sh",
                        "-c",
                        "dpkg-deb --fsys-tarfile \"$1\" | tar -xOf - ./usr/lib/starttls-list/lib/starttls-list.jar"
                                + " | sha256sum",
                        "sh",
                        deb.toString());
        String built = Shell.ok("sh", "-c", "sha256sum < target/starttls-list.jar");
        assumeTrue(
                packaged.equals(built),
                deb + " holds another build's jar: build it again with mvn -Pdeb package");
        assumeTrue(
                !Files.exists(ETC)
                        && !Files.exists(STATE)
                        && Shell.run("dpkg", "-s", "starttls-list").exit() != 0,
                "starttls-list is installed or configured on this machine already; the test leaves it alone");
        work =
                Files.createTempDirectory(
                        Path.of("/tmp"),
                        "deb-it",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @AfterAll
    static void purge() throws Exception {
        if (work == null) {
            return;
        }
        Shell.run("dpkg", "--purge", "starttls-list");
        Shell.run("rm", "-rf", ETC.toString(), STATE.toString(), work.toString());
        Shell.run("deluser", "--system", "starttls-list");
        Shell.run("userdel", "starttls-list");
        Shell.run("groupdel", "starttls-list");
    }

    @Test
    void installMirrorExportRemove() throws Exception {
        // Install.
        Shell.ok("dpkg", "-i", deb.toString());
        String version = Shell.ok("/usr/bin/starttls-list", "--version");
        assertTrue(version.startsWith("starttls-list "), version);
        assertTrue(
                Shell.ok("getent", "passwd", "starttls-list").contains(":/var/lib/starttls-list:"));
        assertTrue(Files.isRegularFile(Path.of("/usr/share/man/man1/starttls-list-mirror.1.gz")));
        assertTrue(
                Files.isRegularFile(
                        Path.of("/usr/share/bash-completion/completions/starttls-list")));
        assertTrue(
                Files.isRegularFile(Path.of("/usr/share/zsh/vendor-completions/_starttls-list")));
        assertTrue(Files.isRegularFile(Path.of("/lib/systemd/system/starttls-list-mirror.timer")));
        if (Shell.onPath("systemctl")) {
            assertFalse(
                    Shell.run("systemctl", "is-enabled", "starttls-list-mirror.timer")
                            .out()
                            .strip()
                            .equals("enabled"),
                    "the timer waits for the operator");
        }
        if (Shell.onPath("systemd-analyze")) {
            Shell.ok(
                    "systemd-analyze",
                    "verify",
                    "/lib/systemd/system/starttls-list-mirror.service",
                    "/lib/systemd/system/starttls-list-mirror.timer");
        }

        // The operator pins the key and fills in mirror.conf (a conffile).
        Path source = Files.createDirectories(work.resolve("published"));
        Instant timestamp =
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        byte[] list = TestLists.list(timestamp, timestamp.plus(Duration.ofDays(14)), 6);
        TestKeys.TestKey maintainer = TestKeys.ed25519("deb-maintainer");
        Files.write(source.resolve("policy.json"), list);
        Files.write(source.resolve("policy.json.asc"), maintainer.sign(list, timestamp));
        Path key = maintainer.writePublic(ETC.resolve("keys"));
        Path postfixConfig = Files.createDirectories(work.resolve("postfix"));
        Files.writeString(postfixConfig.resolve("main.cf"), "compatibility_level = 3.6\n");
        Files.writeString(
                ETC.resolve("mirror.conf"),
                Files.readString(ETC.resolve("mirror.conf"))
                        + "from = "
                        + source
                        + "\nkeys = keys/"
                        + key.getFileName()
                        + "\n"
                        + "postfix-table = /var/lib/starttls-list/postfix/starttls_policy\npostfix-config = "
                        + postfixConfig
                        + "\n");

        // The timer's command, as the package's user.
        String mirrored =
                Shell.ok(
                        "runuser",
                        "-u",
                        "starttls-list",
                        "--",
                        "/usr/bin/starttls-list",
                        "mirror",
                        "--config",
                        "/etc/starttls-list/mirror.conf");
        assertTrue(mirrored.contains("Installed ") && mirrored.contains("ran postmap"), mirrored);
        Path table = STATE.resolve("postfix/starttls_policy");
        assertTrue(Files.readString(table).contains("secure match="), Files.readString(table));
        assertTrue(Files.exists(Path.of(table + ".db")));
        assertEquals(
                "starttls-list",
                Files.getOwner(STATE.resolve("current"), LinkOption.NOFOLLOW_LINKS).getName());
        assertArrayEqualsList(list, Files.readAllBytes(STATE.resolve("current/policy.json")));

        // The reload step (root): Postfix is not running here, so it says so and clears the
        // request.
        Shell.run("/usr/lib/starttls-list/reload-postfix", STATE.resolve("postfix").toString());
        assertFalse(Files.exists(Path.of(table + ".reload-needed")));

        // Remove: the operator's keys, settings and lists stay.
        Shell.ok("dpkg", "-r", "starttls-list");
        assertFalse(Files.exists(Path.of("/usr/bin/starttls-list"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(key), "pinned key kept");
        assertTrue(
                Files.readString(ETC.resolve("mirror.conf")).contains("from = " + source),
                "settings kept");
        assertTrue(Files.exists(STATE.resolve("current/policy.json")), "mirrored list kept");
        assertTrue(Files.exists(table), "exported table kept");
    }

    private static void assertArrayEqualsList(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                expected, actual, "the installed list is the published bytes");
    }
}
