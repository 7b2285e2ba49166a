package org.starttlslist.lifecycle;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One shard's results: what {@code recheck --shard I/N --out FILE} writes and {@code recheck apply}
 * reads.
 *
 * @param run the run's identifier; every shard of one run carries the same one
 * @param listDigest the SHA-256 of the names of every domain to check, in order ({@link
 *     RecheckTargets#digest}): shards of different lists cannot be mixed
 */
public record ShardResults(
        String run,
        Shards.Shard shard,
        String listDigest,
        Instant checkedAt,
        List<CheckResult> results) {
    public static final String FORMAT = "starttls-list-recheck/1";

    public ShardResults {
        results = List.copyOf(results);
    }

    public byte[] toBytes() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("run", run);
        tree.put("shard", shard.toString());
        tree.put("list-digest", listDigest);
        tree.put("checked-at", checkedAt.toString());
        List<Object> items = new ArrayList<>();
        for (CheckResult result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("domain", result.domain());
            item.put("passed", result.passed());
            item.put("codes", result.codes());
            item.put("detail", result.detail());
            item.put("mx-hosts", result.mxHosts());
            items.add(item);
        }
        tree.put("results", items);
        return LifecycleJson.bytes(tree);
    }

    private static final String FIX = "give the files 'recheck --out' wrote, unchanged";

    public static ShardResults read(Path file) {
        String display = file.toString();
        JsonNode root = LifecycleJson.read(file, display, FIX);
        if (!FORMAT.equals(root.path("format").asString())) {
            throw new CorruptLifecycleFileException(
                    display, "is not a recheck results file (format " + FORMAT + ")", FIX);
        }
        Shards.Shard shard;
        Instant checkedAt;
        try {
            shard = Shards.parse(LifecycleJson.text(root, "shard", display));
            checkedAt = Instant.parse(LifecycleJson.text(root, "checked-at", display));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CorruptLifecycleFileException(display, "has a bad shard or checked-at", FIX);
        }
        List<CheckResult> results = new ArrayList<>();
        JsonNode items = root.get("results");
        if (items == null || !items.isArray()) {
            throw new CorruptLifecycleFileException(display, "has no \"results\" array", FIX);
        }
        for (JsonNode item : items) {
            try {
                results.add(
                        new CheckResult(
                                LifecycleJson.text(item, "domain", display),
                                item.path("passed").asBoolean(),
                                LifecycleJson.strings(item, "codes"),
                                item.path("detail").asString(""),
                                LifecycleJson.strings(item, "mx-hosts")));
            } catch (IllegalArgumentException e) {
                throw new CorruptLifecycleFileException(display, e.getMessage(), FIX);
            }
        }
        return new ShardResults(
                LifecycleJson.text(root, "run", display),
                shard,
                LifecycleJson.text(root, "list-digest", display),
                checkedAt,
                results);
    }
}
