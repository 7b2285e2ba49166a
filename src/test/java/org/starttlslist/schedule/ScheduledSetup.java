package org.starttlslist.schedule;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestLists;

/**
 * A mail host as the package sets it up, in a temporary directory: a source directory the
 * maintainers publish to, the pinned key, a mirror.conf, a Postfix configuration directory and the
 * real postmap, wrapped by a script that logs each run so a test can count them.
 */
final class ScheduledSetup {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration VALIDITY = Duration.ofDays(14);

    final Path root;
    final Path source;
    final Path etc;
    final Path state;
    final Path table;
    final Path postfixConfig;
    final Path postmapLog;
    final TestKeys.TestKey maintainer = TestKeys.ed25519("schedule-maintainer");

    ScheduledSetup(Path root) throws IOException {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/postmap")),
                "postmap (Postfix) is not installed: apt-get install postfix");
        this.root = root;
        source = Files.createDirectories(root.resolve("source"));
        etc = Files.createDirectories(root.resolve("etc/starttls-list"));
        state = root.resolve("var/lib/starttls-list");
        table = state.resolve("postfix/starttls_policy");
        postfixConfig = Files.createDirectories(root.resolve("etc/postfix"));
        Files.writeString(postfixConfig.resolve("main.cf"), "compatibility_level = 3.6\n");
        Files.writeString(postfixConfig.resolve("master.cf"), "");
        postmapLog = root.resolve("postmap.log");
        Path postmap = root.resolve("postmap");
        Files.writeString(
                postmap,
                "#!/bin/sh\necho \"$@\" >> '" + postmapLog + "'\nexec /usr/sbin/postmap \"$@\"\n");
        Files.setPosixFilePermissions(postmap, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path keys = Files.createDirectories(etc.resolve("keys"));
        Path key = maintainer.writePublic(keys);
        Files.writeString(
                etc.resolve("mirror.conf"),
                String.join(
                        "\n",
                        "# as the package's mirror.conf, filled in",
                        "from = " + source,
                        "keys = keys/" + key.getFileName(),
                        "into = " + state,
                        "postfix-table = " + table,
                        "postfix-config = " + postfixConfig,
                        "postmap = " + postmap,
                        ""));
    }

    /** The maintainers publish a list made at {@code timestamp}. */
    byte[] publish(Instant timestamp, int domains) throws IOException {
        byte[] list = TestLists.list(timestamp, timestamp.plus(VALIDITY), domains);
        Files.write(source.resolve("policy.json"), list);
        Files.write(source.resolve("policy.json.asc"), maintainer.sign(list, timestamp));
        return list;
    }

    /** The service's ExecStart, run by hand at {@code now}. */
    CliRun timerRun(Instant now) {
        return CliRun.of(
                "--quiet",
                "mirror",
                "--config",
                etc.resolve("mirror.conf").toString(),
                "--now",
                ListTimes.format(now));
    }

    /** The same run with {@code --format json} (for monitoring) instead of {@code --quiet}. */
    CliRun jsonRun(Instant now) {
        return CliRun.of(
                "mirror",
                "--config",
                etc.resolve("mirror.conf").toString(),
                "--format",
                "json",
                "--now",
                ListTimes.format(now));
    }

    /**
     * The reload step's part that matters here: it takes the request away once Postfix reloaded.
     */
    void reloadDone() throws IOException {
        Files.deleteIfExists(TableRefresh.reloadMarker(table));
    }

    boolean reloadRequested() {
        return Files.exists(TableRefresh.reloadMarker(table));
    }

    List<String> postmapRuns() throws IOException {
        return Files.exists(postmapLog)
                ? Files.readAllLines(postmapLog, StandardCharsets.UTF_8)
                : new ArrayList<>();
    }

    Object tableIdentity() throws IOException {
        return Files.readAttributes(table, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
    }
}
