package org.starttlslist.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recheck --shard I/N}: checks the domains of one shard. The checker is expected to probe
 * an MX host shared by many domains once ({@link DomainChecker} implementations cache per host
 * for the length of a run).
 */
public final class Recheck {
    private Recheck() {}

    public static ShardResults run(RecheckTargets targets, Shards.Shard shard, DomainChecker checker, String run, Instant now) {
        List<CheckResult> results = new ArrayList<>();
        for (RecheckTargets.Target target : targets.inShard(shard)) {
            CheckResult result = checker.check(target.domain(), target.patterns());
            if (!result.domain().equals(target.domain())) {
                throw new IllegalStateException("checker answered for " + result.domain() + " instead of " + target.domain());
            }
            results.add(result);
        }
        return new ShardResults(run, shard, targets.digest(), now, results);
    }
}
