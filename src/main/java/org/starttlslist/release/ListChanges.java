package org.starttlslist.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttlslist.diff.ListDiff;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;

/**
 * What a release changes for senders, for the release commit's message: the {@code diff} summary
 * against the previous release, then one line per domain added, removed or changed.
 */
public record ListChanges(Optional<PolicyList> previous, Optional<ListDiff> diff, int domains) {
    private static final int LISTED = 40;

    public static ListChanges between(Optional<PolicyList> previous, PolicyList next) {
        return new ListChanges(
                previous, previous.map(p -> ListDiff.between(p, next)), next.policies().size());
    }

    /**
     * One line: "since 2026-11-01T00:00:00Z: +2 domains, …; expires A -> B", or "first release".
     */
    public String summary() {
        if (diff.isEmpty()) {
            return "first release: " + domains + (domains == 1 ? " domain" : " domains");
        }
        return "since "
                + ListTimes.format(previous.orElseThrow().timestamp())
                + ": "
                + diff.get().summary();
    }

    /** The domains this release takes off the list. */
    public List<String> removedDomains() {
        return diff.map(d -> d.removed().stream().map(ListDiff.Listed::domain).toList())
                .orElse(List.of());
    }

    /** The summary, then "+ a", "- b", "~ c (testing->enforce)" lines, at most 40 of them. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        if (diff.isEmpty()) {
            return lines;
        }
        List<String> domainLines = new ArrayList<>();
        diff.get().added().forEach(d -> domainLines.add("+ " + d.domain()));
        diff.get().removed().forEach(d -> domainLines.add("- " + d.domain()));
        for (ListDiff.DomainChange change : diff.get().changed()) {
            List<String> what = new ArrayList<>();
            if (change.modeChanged()) {
                what.add(
                        change.modeBefore().map(Object::toString).orElse("?")
                                + "->"
                                + change.modeAfter().map(Object::toString).orElse("?"));
            }
            if (change.mxsChanged()) {
                what.add("MXs");
            }
            change.viaAlias().ifPresent(alias -> what.add("via alias " + alias));
            domainLines.add(
                    "~ "
                            + change.domain()
                            + (what.isEmpty() ? "" : " (" + String.join(", ", what) + ")"));
        }
        domainLines.stream().limit(LISTED).forEach(lines::add);
        if (domainLines.size() > LISTED) {
            lines.add("(and " + (domainLines.size() - LISTED) + " more)");
        }
        return lines;
    }
}
