package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.starttlslist.mirror.TestLists.at;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;

/** Two runs at once on one directory: the lock serialises them and both end well. */
class MirrorConcurrencyTest {
    @TempDir static Path shared;
    static MaintainerKey maintainer;

    @BeforeAll
    static void makeKey() throws Exception {
        maintainer = MaintainerKey.create(shared, "maintainer", TestLists.KEY_CREATED);
    }

    @RepeatedTest(3)
    void twoRunsAtOnce(@TempDir Path tmp) throws Exception {
        byte[] list = TestLists.list(at(0), 200);
        Path source = TestLists.publish(tmp.resolve("source"), list, maintainer.sign(list, at(0)));
        Path mirror = tmp.resolve("mirror");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CliRun>> runs =
                    List.of(
                            pool.submit(() -> run(start, source, mirror)),
                            pool.submit(() -> run(start, source, mirror)));
            start.countDown();
            CliRun a = runs.get(0).get();
            CliRun b = runs.get(1).get();
            assertEquals(0, a.exitCode(), a.toString());
            assertEquals(0, b.exitCode(), b.toString());
            // One installed it, the other found it already current.
            assertEquals(
                    1,
                    (a.out().startsWith("Installed") ? 1 : 0)
                            + (b.out().startsWith("Installed") ? 1 : 0),
                    a + "\n" + b);
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(list, TestLists.installedList(mirror));
        try (var releases = Files.list(mirror.resolve("releases"))) {
            assertEquals(1, releases.count());
        }
    }

    private static CliRun run(CountDownLatch start, Path source, Path mirror)
            throws InterruptedException {
        start.await();
        return CliRun.of(
                "mirror",
                "--from",
                source.toString(),
                "--keys",
                maintainer.publicKey().toString(),
                "--into",
                mirror.toString(),
                "--now",
                ListTimes.format(at(1)));
    }
}
