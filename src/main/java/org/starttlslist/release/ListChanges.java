package org.starttlslist.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;

/**
 * What a release changes for senders: domains added, removed, or whose effective policy (aliases
 * followed) changed. Written into the release commit so the history says what each release did.
 */
public record ListChanges(Optional<PolicyList> previous, List<String> added, List<String> removed, List<String> changed) {
    private static final int LISTED = 40;

    public ListChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public static ListChanges between(Optional<PolicyList> previous, PolicyList next) {
        SortedMap<String, InlinePolicy> before = previous.map(PolicyList::resolvedPolicies).orElseGet(TreeMap::new);
        SortedMap<String, InlinePolicy> after = next.resolvedPolicies();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, InlinePolicy> entry : after.entrySet()) {
            InlinePolicy old = before.get(entry.getKey());
            if (old == null) {
                added.add(entry.getKey());
            } else if (!old.equals(entry.getValue())) {
                changed.add(entry.getKey());
            }
        }
        for (String domain : before.keySet()) {
            if (!after.containsKey(domain)) {
                removed.add(domain);
            }
        }
        return new ListChanges(previous, added, removed, changed);
    }

    /** One line: "since 2026-11-01T00:00:00Z: 2 added, 0 removed, 1 changed", or "first release". */
    public String summary() {
        if (previous.isEmpty()) {
            return "first release: " + added.size() + " domains added";
        }
        return "since " + ListTimes.format(previous.get().timestamp()) + ": " + added.size() + " added, "
                + removed.size() + " removed, " + changed.size() + " changed";
    }

    /** The summary, then one line per domain ("+ a", "- b", "~ c"), at most 40 of them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        List<String> domains = new ArrayList<>();
        added.forEach(d -> domains.add("+ " + d));
        removed.forEach(d -> domains.add("- " + d));
        changed.forEach(d -> domains.add("~ " + d));
        if (previous.isPresent()) {
            domains.stream().limit(LISTED).forEach(lines::add);
            if (domains.size() > LISTED) {
                lines.add("(and " + (domains.size() - LISTED) + " more)");
            }
        }
        return lines;
    }
}
