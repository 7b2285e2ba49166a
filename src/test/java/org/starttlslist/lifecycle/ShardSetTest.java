package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.lifecycle.LifecycleRepo.day;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splitting a run into shards changes nothing about its result; a bad set of shards changes nothing
 * at all.
 */
class ShardSetTest {
    @TempDir Path temp;

    /**
     * 60 domains, some enforce, a few failing for a while so that demotions, removals and resets
     * happen.
     */
    private LifecycleRepo populated(String name) {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve(name).resolve("list"));
        for (int i = 0; i < 60; i++) {
            repo.source(
                    String.format("d%02d.example", i),
                    i % 3 == 0 ? "enforce" : "testing",
                    day(-20));
        }
        return repo;
    }

    private Map<String, String> runWithShards(String name, int shards) {
        LifecycleRepo repo = populated(name);
        for (int n = 0; n < 16; n++) {
            repo.failing.clear();
            for (int i = 0; i < 60; i += 7) {
                if (n >= 2 || i % 2 == 0) {
                    repo.failing.put(
                            String.format("d%02d.example", i), List.of("starttls.not-offered"));
                }
            }
            repo.apply(day(n), repo.recheck(day(n), shards));
        }
        Map<String, String> files = repo.snapshot();
        // The run records name the split; everything else must be identical.
        files.replaceAll((path, text) -> text.replaceAll("\"shards\": \\d+", "\"shards\": N"));
        return files;
    }

    @Test
    void oneThreeAndEightShards_giveTheSameAppliedResult() {
        Map<String, String> one = runWithShards("one", 1);
        assertTrue(
                one.keySet().stream().anyMatch(path -> path.startsWith("policies/removed/")),
                "the scenario removes domains");
        assertTrue(
                one.values().stream().anyMatch(text -> text.contains("demoted to testing")),
                "the scenario demotes domains");
        assertEquals(one, runWithShards("three", 3));
        assertEquals(one, runWithShards("eight", 8));
    }

    @Test
    void sameDomain_sameShard_everyTime() {
        assertEquals(Shards.shardOf("example.com", 8), Shards.shardOf("example.com", 8));
        int[] counts = new int[8];
        for (int i = 0; i < 8000; i++) {
            counts[Shards.shardOf("d" + i + ".example", 8) - 1]++;
        }
        for (int count : counts) {
            assertTrue(
                    count > 800 && count < 1200,
                    "shards are roughly even: " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void aMissingShard_isRefused_withNothingChanged() {
        LifecycleRepo repo = populated("missing");
        List<ShardResults> shards = new ArrayList<>(repo.recheck(day(0), 3));
        shards.remove(1);
        Map<String, String> before = repo.snapshot();
        ShardSetRefusedException e =
                assertThrows(ShardSetRefusedException.class, () -> repo.apply(day(0), shards));
        assertTrue(e.getMessage().contains("shard 2/3 missing"), e.getMessage());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void shardsOfDifferentRuns_areRefused_withNothingChanged() {
        LifecycleRepo repo = populated("mixed");
        List<ShardResults> today = repo.recheck(day(0), 2);
        List<ShardResults> yesterday = repo.recheck(day(-1), 2);
        Map<String, String> before = repo.snapshot();
        ShardSetRefusedException e =
                assertThrows(
                        ShardSetRefusedException.class,
                        () -> repo.apply(day(0), List.of(today.get(0), yesterday.get(1))));
        assertTrue(e.getMessage().contains("different runs"), e.getMessage());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void shardsOfDifferentSplits_areRefused() {
        LifecycleRepo repo = populated("splits");
        List<ShardResults> two = repo.recheck(day(0), 2);
        List<ShardResults> three = repo.recheck(day(0), 3);
        Map<String, String> before = repo.snapshot();
        ShardSetRefusedException e =
                assertThrows(
                        ShardSetRefusedException.class,
                        () -> repo.apply(day(0), List.of(two.get(0), three.get(1), three.get(2))));
        assertTrue(e.getMessage().contains("different splits"), e.getMessage());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void aShardGivenTwice_isRefused() {
        LifecycleRepo repo = populated("twice");
        List<ShardResults> shards = repo.recheck(day(0), 2);
        ShardSetRefusedException e =
                assertThrows(
                        ShardSetRefusedException.class,
                        () ->
                                repo.apply(
                                        day(0),
                                        List.of(shards.get(0), shards.get(0), shards.get(1))));
        assertTrue(e.getMessage().contains("given 2 times"), e.getMessage());
    }

    @Test
    void resultsForAnotherList_areRefused() {
        LifecycleRepo repo = populated("other");
        List<ShardResults> shards = repo.recheck(day(0), 2);
        repo.source("late.example", "testing", day(0));
        Map<String, String> before = repo.snapshot();
        ShardSetRefusedException e =
                assertThrows(ShardSetRefusedException.class, () -> repo.apply(day(0), shards));
        assertTrue(e.getMessage().contains("another list"), e.getMessage());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void aShardWithAForeignOrMissingDomain_isRefused() {
        LifecycleRepo repo = populated("foreign");
        List<ShardResults> shards = repo.recheck(day(0), 2);
        ShardResults first = shards.get(0);
        List<CheckResult> results = new ArrayList<>(first.results());
        CheckResult moved = results.remove(0);
        ShardResults lacking =
                new ShardResults(
                        first.run(), first.shard(), first.listDigest(), first.checkedAt(), results);
        List<CheckResult> extra = new ArrayList<>(shards.get(1).results());
        extra.add(moved);
        ShardResults second = shards.get(1);
        ShardResults padded =
                new ShardResults(
                        second.run(),
                        second.shard(),
                        second.listDigest(),
                        second.checkedAt(),
                        extra);
        ShardSetRefusedException e =
                assertThrows(
                        ShardSetRefusedException.class,
                        () -> repo.apply(day(0), List.of(lacking, padded)));
        assertTrue(
                e.getMessage().contains("has no result for [" + moved.domain() + "]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("which it should not have checked"), e.getMessage());
    }

    @Test
    void resultsFile_roundTrips() throws Exception {
        LifecycleRepo repo = populated("roundtrip");
        repo.failing.put("d07.example", List.of("a", "b"));
        ShardResults shard = repo.recheck(day(0), 1).get(0);
        Path file = temp.resolve("results.json");
        java.nio.file.Files.write(file, shard.toBytes());
        assertEquals(shard, ShardResults.read(file));
    }
}
