package org.starttlslist.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.starttlslist.source.ListRepository;

/**
 * The daily run's two halves as the command line calls them: the targets, and applying the shards.
 */
public final class LifecycleRuns {
    private LifecycleRuns() {}

    public static RecheckTargets targets(ListRepository repository, Instant now) {
        return RecheckTargets.of(ListSources.load(repository, now));
    }

    /** Merges the shards (or refuses them, writing nothing), then writes the run's changes. */
    public static RecheckApply.Plan apply(
            ListRepository repository, List<ShardResults> shards, Instant now) {
        RecheckTargets targets = targets(repository, now);
        ShardSet.Merged merged = ShardSet.merge(shards, targets);
        RecheckApply.Plan plan =
                new RecheckApply(repository, LifecycleSettings.load(repository))
                        .plan(targets, merged, LocalDate.ofInstant(now, ZoneOffset.UTC));
        plan.changes().commit(repository);
        return plan;
    }
}
