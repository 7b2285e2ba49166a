package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code history/runs/YYYY/MM/DD.json}: one small record per daily run — which run, how many
 * domains it checked, and only the domains whose state changed, so its size does not depend on the
 * size of the list.
 */
public record RunRecord(
        LocalDate date,
        String run,
        int shards,
        int checked,
        int passing,
        int failing,
        List<String> events) {
    public RunRecord {
        events = List.copyOf(events);
    }

    byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("date", date.toString());
        tree.put("run", run);
        tree.put("shards", shards);
        tree.put("checked", checked);
        tree.put("passing", passing);
        tree.put("failing", failing);
        tree.put("events", events);
        return LifecycleJson.bytes(tree);
    }
}
