package org.starttlslist.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Merges the shards of one run into one result per domain, or refuses the set. */
public final class ShardSet {
    private ShardSet() {}

    /** One run's results, complete: exactly one per domain to check. */
    public record Merged(String run, int shards, Map<String, CheckResult> byDomain) {}

    /**
     * Checks, in order: every file is from the same run and the same split; the split is whole
     * (each index from 1 to N exactly once); the results are for this list (same digest); and each
     * shard holds exactly the domains that hash to it. Every problem found is named.
     */
    public static Merged merge(List<ShardResults> shards, RecheckTargets targets) {
        List<String> problems = new ArrayList<>();
        if (shards.isEmpty()) {
            throw new ShardSetRefusedException(List.of("no results files given"));
        }
        ShardResults first = shards.get(0);
        Set<String> runs = new TreeSet<>();
        Set<Integer> counts = new TreeSet<>();
        Set<String> digests = new TreeSet<>();
        for (ShardResults shard : shards) {
            runs.add(shard.run());
            counts.add(shard.shard().count());
            digests.add(shard.listDigest());
        }
        if (runs.size() > 1) {
            problems.add(
                    "the files are from different runs " + runs + "; give the shards of one run");
        }
        if (counts.size() > 1) {
            problems.add(
                    "the files are from different splits (N = "
                            + counts
                            + "); give the shards of one split");
        }
        if (!problems.isEmpty()) {
            throw new ShardSetRefusedException(problems);
        }
        int count = first.shard().count();
        Map<Integer, Integer> seen = new TreeMap<>();
        for (ShardResults shard : shards) {
            seen.merge(shard.shard().index(), 1, Integer::sum);
        }
        List<Integer> missing = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            if (!seen.containsKey(index)) {
                missing.add(index);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(
                    "shard"
                            + (missing.size() > 1 ? "s " : " ")
                            + join(missing, count)
                            + " missing; the run is incomplete");
        }
        seen.forEach(
                (index, times) -> {
                    if (times > 1) {
                        problems.add("shard " + index + "/" + count + " given " + times + " times");
                    }
                });
        String digest = targets.digest();
        if (digests.size() > 1 || !digests.contains(digest)) {
            problems.add(
                    "the results are for another list (list digest "
                            + String.join(", ", digests)
                            + ", this repository's is "
                            + digest
                            + "); check out the commit the run checked");
        }
        if (!problems.isEmpty()) {
            throw new ShardSetRefusedException(problems);
        }
        Map<String, CheckResult> byDomain = new TreeMap<>();
        for (ShardResults shard : shards) {
            Set<String> expected = new HashSet<>();
            targets.inShard(shard.shard()).forEach(target -> expected.add(target.domain()));
            for (CheckResult result : shard.results()) {
                if (!expected.remove(result.domain())) {
                    problems.add(
                            "shard "
                                    + shard.shard()
                                    + " has a result for "
                                    + result.domain()
                                    + ", which it should not have checked");
                } else {
                    byDomain.put(result.domain(), result);
                }
            }
            if (!expected.isEmpty()) {
                problems.add(
                        "shard " + shard.shard() + " has no result for " + new TreeSet<>(expected));
            }
        }
        if (!problems.isEmpty()) {
            throw new ShardSetRefusedException(problems);
        }
        return new Merged(first.run(), count, byDomain);
    }

    private static String join(List<Integer> indices, int count) {
        List<String> out = new ArrayList<>();
        indices.forEach(index -> out.add(index + "/" + count));
        return String.join(", ", out);
    }
}
