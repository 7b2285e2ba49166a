package org.starttlslist.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recheck --shard I/N}: checks the domains of one shard. The checker is expected to probe an
 * MX host shared by many domains once (the shard is checked in one call). When more than a tenth of
 * the shard could not be checked at all, the runner is at fault, not the domains, and the shard
 * fails without results.
 */
public final class Recheck {
    private Recheck() {}

    public static ShardResults run(
            RecheckTargets targets,
            Shards.Shard shard,
            DomainChecker checker,
            String run,
            Instant now) {
        List<RecheckTargets.Target> mine = targets.inShard(shard);
        List<DomainChecker.Request> requests = new ArrayList<>();
        mine.forEach(
                target ->
                        requests.add(
                                new DomainChecker.Request(target.domain(), target.patterns())));
        List<CheckResult> results = checker.checkAll(requests);
        for (int i = 0; i < mine.size(); i++) {
            if (!results.get(i).domain().equals(mine.get(i).domain())) {
                throw new IllegalStateException(
                        "checker answered for "
                                + results.get(i).domain()
                                + " instead of "
                                + mine.get(i).domain());
            }
        }
        long unchecked =
                results.stream()
                        .filter(result -> result.codes().contains(LiveChecker.COULD_NOT_CHECK))
                        .count();
        if (unchecked >= 3 && unchecked * 10 > results.size()) {
            // DNS or the network of this runner is broken, not the domains: failing them all would
            // demote and notify everyone. No results file means apply refuses the run.
            throw new org.starttlslist.failure.CouldNotCompleteException(
                    unchecked
                            + " of "
                            + results.size()
                            + " domains of shard "
                            + shard
                            + " could not be checked at all (DNS or network down on this runner?); "
                            + "no results written, run the shard again");
        }
        return new ShardResults(run, shard, targets.digest(), now, results);
    }
}
