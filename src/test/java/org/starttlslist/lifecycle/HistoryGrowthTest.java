package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.lifecycle.LifecycleRepo.day;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.GitConfigIsolation;

/**
 * How much the repository grows: 30 daily runs over 1,000 domains, 1 % of them flapping (failing
 * one day, passing the next), each day committed with JGit as the apply job commits it. Growth is
 * the compressed size of the git objects each day's commit adds (what a push sends, before any
 * packing). The figure is in the README ("Check history").
 */
@ExtendWith(GitConfigIsolation.class)
class HistoryGrowthTest {
    private static final int DOMAINS = 1000;
    private static final int DAYS = 30;

    @TempDir Path temp;

    @Test
    void thirtyDays_thousandDomains_onePercentFlapping() throws Exception {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        for (int i = 0; i < DOMAINS; i++) {
            repo.source(
                    String.format("d%04d.example", i),
                    i % 2 == 0 ? "enforce" : "testing",
                    day(-60));
        }
        PersonIdent bot = new PersonIdent("recheck", "recheck@starttls-list.invalid");
        try (Git git =
                Git.init().setDirectory(repo.root.toFile()).setInitialBranch("main").call()) {
            commit(git, bot, "initial list");
            Set<Path> seen = new HashSet<>(looseObjects(repo.root));
            // Day 0 creates every domain's history file once.
            repo.day(day(0));
            commit(git, bot, "day 0");
            long firstDay = grow(repo.root, seen);

            long total = 0;
            long largest = 0;
            for (int n = 1; n <= DAYS; n++) {
                repo.failing.clear();
                // 10 domains flap: each fails on odd days and passes on even ones.
                if (n % 2 == 1) {
                    for (int i = 0; i < DOMAINS; i += 100) {
                        repo.failing.put(
                                String.format("d%04d.example", i + 7),
                                List.of("starttls.not-offered"));
                    }
                }
                repo.day(day(n));
                commit(git, bot, "day " + n);
                long growth = grow(repo.root, seen);
                total += growth;
                largest = Math.max(largest, growth);
            }

            // A quiet day: nothing changes state; only the run record is new.
            repo.failing.clear();
            repo.day(day(DAYS + 1));
            repo.day(day(DAYS + 2));
            commit(git, bot, "quiet day 1");
            grow(repo.root, seen);
            repo.day(day(DAYS + 3));
            commit(git, bot, "quiet day 2");
            long quiet = grow(repo.root, seen);

            System.out.printf(
                    "history growth: first run %d bytes; %d days with 1%% flapping: %d bytes in all, "
                            + "%d bytes per day on average, largest day %d bytes; a quiet day %d bytes%n",
                    firstDay, DAYS, total, total / DAYS, largest, quiet);
            assertTrue(quiet <= 4 * 1024, "a quiet day adds at most a few KB: " + quiet);
            assertTrue(largest <= 40 * 1024, "a day with 10 domains changing state: " + largest);
            assertTrue(total <= 30 * 40 * 1024, "30 days: " + total);
            assertEquals(
                    0,
                    repo.snapshot().keySet().stream()
                            .filter(path -> path.startsWith("history/outbox/"))
                            .count(),
                    "every notice was delivered");
        }
    }

    private static void commit(Git git, PersonIdent who, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** Bytes of loose objects not seen before (zlib-compressed, as git stores them). */
    private static long grow(Path root, Set<Path> seen) throws IOException {
        long bytes = 0;
        for (Path object : looseObjects(root)) {
            if (seen.add(object)) {
                bytes += Files.size(object);
            }
        }
        return bytes;
    }

    private static List<Path> looseObjects(Path root) throws IOException {
        Path objects = root.resolve(".git/objects");
        try (Stream<Path> files = Files.walk(objects, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            file ->
                                    file.getParent()
                                            .getFileName()
                                            .toString()
                                            .matches("[0-9a-f]{2}"))
                    .toList();
        }
    }
}
