package org.starttlslist.lifecycle;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/**
 * {@code recheck apply} was given shards that do not make one complete run over the current list: a
 * shard missing or given twice, shards from different runs or splits, results for another list, or
 * a shard whose domains are not the ones it should have checked. Nothing is changed.
 */
public final class ShardSetRefusedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ShardSetRefusedException(List<String> problems) {
        super("refused the results, nothing changed: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
