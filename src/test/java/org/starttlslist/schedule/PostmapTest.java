package org.starttlslist.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** postmap's failures, with its exit code; Postfix keeps the previous table. */
class PostmapTest {
    @TempDir Path dir;

    @Test
    void aPostmapThatCannotStartHasNoExitCode() {
        Path table = dir.resolve("table");
        Postmap missing = new Postmap(dir.resolve("no-such-postmap").toString(), Optional.empty());
        var e = assertThrows(PostmapFailedException.class, () -> missing.run("lmdb", table));
        assertEquals(-1, e.exitCode());
        assertFalse(Files.exists(dir.resolve("table.lmdb")));
    }

    @Test
    void theRealPostmapRefusingATableCarriesItsExitCode() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/sbin/postmap")),
                "postmap (Debian package postfix) is not installed");
        // Its own configuration directory, never the machine's /etc/postfix.
        Path config = Files.createDirectories(dir.resolve("postfix"));
        Files.writeString(config.resolve("main.cf"), "");
        Path table = dir.resolve("missing/table");
        Postmap postmap = new Postmap("/usr/sbin/postmap", Optional.of(config));
        var e = assertThrows(PostmapFailedException.class, () -> postmap.run("lmdb", table));
        assertEquals(1, e.exitCode());
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}
