package org.starttlslist.diff;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.starttlslist.json.Json;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link ListDiff} for people (text, Markdown) and for tools (JSON). */
public enum DiffFormat {
    TEXT(DiffFormat::text),
    JSON(DiffFormat::json),
    MARKDOWN(DiffFormat::markdown);

    // Each renderer is a reference to a static method: no state to mutate.
    @SuppressWarnings("ImmutableEnumChecker")
    private final Function<ListDiff, String> renderer;

    DiffFormat(Function<ListDiff, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ListDiff diff) {
        return renderer.apply(diff);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String text(ListDiff diff) {
        StringBuilder out = new StringBuilder();
        for (ListDiff.DomainChange c : diff.downgrades()) {
            out.append("!! DOWNGRADE enforce → testing: ")
                    .append(c.domain())
                    .append(via(c))
                    .append('\n');
        }
        List<ListDiff.Listed> removedEnforced = diff.removedWhileEnforced();
        if (!removedEnforced.isEmpty()) {
            // One line, not one per domain: removing a whole list must not scroll the rest away.
            out.append("!! REMOVED while in enforce: ")
                    .append(ListDiff.count(removedEnforced.size(), "domain"))
                    .append(": ")
                    .append(
                            String.join(
                                    ", ",
                                    removedEnforced.stream()
                                            .limit(10)
                                            .map(ListDiff.Listed::domain)
                                            .toList()))
                    .append(removedEnforced.size() > 10 ? ", … (all under 'removed')" : "")
                    .append('\n');
        }
        out.append("timestamp ")
                .append(ListTimes.format(diff.before().timestamp()))
                .append(" → ")
                .append(ListTimes.format(diff.after().timestamp()))
                .append('\n');
        out.append("expires   ")
                .append(ListTimes.format(diff.before().expires()))
                .append(" → ")
                .append(ListTimes.format(diff.after().expires()))
                .append(" (valid ")
                .append(period(diff.before()))
                .append(" → ")
                .append(period(diff.after()))
                .append(")\n");
        section(
                out,
                "added",
                diff.added(),
                l -> "+ " + l.domain() + "  " + ListDiff.describe(l.policy(), l.effective()));
        section(
                out,
                "removed",
                diff.removed(),
                l -> "- " + l.domain() + "  " + ListDiff.describe(l.policy(), l.effective()));
        section(
                out,
                "mode changes",
                diff.changed().stream().filter(ListDiff.DomainChange::modeChanged).toList(),
                c ->
                        c.domain()
                                + ": "
                                + mode(c.effectiveBefore())
                                + " → "
                                + mode(c.effectiveAfter())
                                + (c.isDowngrade() ? "  !! DOWNGRADE" : "")
                                + via(c));
        section(
                out,
                "MX changes",
                diff.mxChanges(),
                c -> c.domain() + ":" + mxChange(c, s -> s) + via(c));
        section(
                out,
                "entry changes",
                diff.changed().stream().filter(ListDiff.DomainChange::entryChanged).toList(),
                c ->
                        c.domain()
                                + ": "
                                + ListDiff.describe(c.before(), c.effectiveBefore())
                                + " → "
                                + ListDiff.describe(c.after(), c.effectiveAfter()));
        section(
                out,
                "alias changes",
                diff.aliases(),
                a ->
                        a.name()
                                + ": "
                                + aliasChange(a, s -> s)
                                + (a.domains().isEmpty()
                                        ? ""
                                        : "; affects "
                                                + ListDiff.count(a.domains().size(), "domain")
                                                + ": "
                                                + String.join(", ", a.domains())));
        out.append("summary: ").append(diff.summary()).append('\n');
        return out.toString();
    }

    private static <T> void section(
            StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        out.append(title).append(" (").append(items.size()).append("):\n");
        for (T item : items) {
            out.append("  ").append(line.apply(item)).append('\n');
        }
    }

    private static String markdown(ListDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("### Policy list changes\n\n");
        out.append("**Summary:** ").append(diff.summary().replace("->", "→")).append("\n\n");
        if (!diff.downgrades().isEmpty()) {
            out.append("> [!WARNING]\n> **")
                    .append(ListDiff.count(diff.downgrades().size(), "domain"))
                    .append(" downgraded from `enforce` to `testing`:** ")
                    .append(
                            String.join(
                                    ", ",
                                    diff.downgrades().stream().map(c -> code(c.domain())).toList()))
                    .append("\n\n");
        }
        if (!diff.removedWhileEnforced().isEmpty()) {
            out.append("> [!WARNING]\n> **")
                    .append(ListDiff.count(diff.removedWhileEnforced().size(), "domain"))
                    .append(" removed while in `enforce`:** ")
                    .append(
                            String.join(
                                    ", ",
                                    diff.removedWhileEnforced().stream()
                                            .map(l -> code(l.domain()))
                                            .toList()))
                    .append("\n\n");
        }
        out.append("| | before | after |\n|---|---|---|\n");
        out.append("| timestamp | ")
                .append(code(ListTimes.format(diff.before().timestamp())))
                .append(" | ")
                .append(code(ListTimes.format(diff.after().timestamp())))
                .append(" |\n");
        out.append("| expires | ")
                .append(code(ListTimes.format(diff.before().expires())))
                .append(" | ")
                .append(code(ListTimes.format(diff.after().expires())))
                .append(" |\n");
        out.append("| validity | ")
                .append(period(diff.before()))
                .append(" | ")
                .append(period(diff.after()))
                .append(" |\n");
        mdSection(
                out,
                "Added",
                diff.added(),
                l -> code(l.domain()) + ": " + mdPolicy(l.policy(), l.effective()));
        mdSection(
                out,
                "Removed",
                diff.removed(),
                l -> code(l.domain()) + ": " + mdPolicy(l.policy(), l.effective()));
        mdSection(
                out,
                "Mode changes",
                diff.changed().stream().filter(ListDiff.DomainChange::modeChanged).toList(),
                c ->
                        code(c.domain())
                                + ": "
                                + mode(c.effectiveBefore())
                                + " → "
                                + mode(c.effectiveAfter())
                                + (c.isDowngrade() ? " **(downgrade)**" : "")
                                + mdVia(c));
        mdSection(
                out,
                "MX changes",
                diff.mxChanges(),
                c -> code(c.domain()) + ":" + mxChange(c, DiffFormat::code) + mdVia(c));
        mdSection(
                out,
                "Entry changes",
                diff.changed().stream().filter(ListDiff.DomainChange::entryChanged).toList(),
                c ->
                        code(c.domain())
                                + ": "
                                + mdPolicy(c.before(), c.effectiveBefore())
                                + " → "
                                + mdPolicy(c.after(), c.effectiveAfter()));
        mdSection(
                out,
                "Alias changes",
                diff.aliases(),
                a ->
                        code(a.name())
                                + ": "
                                + aliasChange(a, DiffFormat::code)
                                + (a.domains().isEmpty()
                                        ? ""
                                        : "; affects "
                                                + ListDiff.count(a.domains().size(), "domain")
                                                + ": "
                                                + String.join(
                                                        ", ",
                                                        a.domains().stream()
                                                                .map(DiffFormat::code)
                                                                .toList())));
        return out.toString();
    }

    private static <T> void mdSection(
            StringBuilder out, String title, List<T> items, Function<T, String> line) {
        if (items.isEmpty()) {
            return;
        }
        out.append("\n#### ").append(title).append(" (").append(items.size()).append(")\n\n");
        for (T item : items) {
            out.append("- ").append(line.apply(item)).append('\n');
        }
    }

    private static String json(ListDiff diff) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("summary", diff.summary());
        ObjectNode before = root.putObject("before");
        before.put("timestamp", ListTimes.format(diff.before().timestamp()));
        before.put("expires", ListTimes.format(diff.before().expires()));
        ObjectNode after = root.putObject("after");
        after.put("timestamp", ListTimes.format(diff.after().timestamp()));
        after.put("expires", ListTimes.format(diff.after().expires()));
        ArrayNode added = root.putArray("added");
        diff.added().forEach(l -> listed(added.addObject(), l));
        ArrayNode removed = root.putArray("removed");
        diff.removed().forEach(l -> listed(removed.addObject(), l));
        ArrayNode changed = root.putArray("changed");
        for (ListDiff.DomainChange c : diff.changed()) {
            ObjectNode node = changed.addObject();
            node.put("domain", c.domain());
            c.modeBefore().ifPresent(m -> node.put("mode-before", m.wire()));
            c.modeAfter().ifPresent(m -> node.put("mode-after", m.wire()));
            node.put("downgrade", c.isDowngrade());
            ArrayNode mxAdded = node.putArray("mxs-added");
            c.mxsAdded().forEach(mxAdded::add);
            ArrayNode mxRemoved = node.putArray("mxs-removed");
            c.mxsRemoved().forEach(mxRemoved::add);
            node.put("entry-changed", c.entryChanged());
            c.viaAlias().ifPresent(a -> node.put("via-alias", a));
        }
        ArrayNode aliases = root.putArray("aliases");
        for (ListDiff.AliasChange a : diff.aliases()) {
            ObjectNode node = aliases.addObject();
            node.put("name", a.name());
            a.before().ifPresent(p -> policy(node.putObject("before"), p));
            a.after().ifPresent(p -> policy(node.putObject("after"), p));
            ArrayNode domains = node.putArray("domains");
            a.domains().forEach(domains::add);
        }
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void listed(ObjectNode node, ListDiff.Listed listed) {
        node.put("domain", listed.domain());
        if (listed.policy() instanceof org.starttlslist.model.AliasReference reference) {
            node.put("policy-alias", reference.alias());
        }
        listed.effective().ifPresent(p -> policy(node, p));
    }

    private static void policy(ObjectNode node, InlinePolicy policy) {
        node.put("mode", policy.mode().wire());
        ArrayNode mxs = node.putArray("mxs");
        ListDiff.mxSet(Optional.of(policy)).forEach(mxs::add);
    }

    private static String period(ListDiff.Validity validity) {
        Duration d = Duration.between(validity.timestamp(), validity.expires());
        if (d.toSeconds() % 86400 == 0) {
            return ListDiff.count(d.toDays(), "day");
        }
        return String.format(
                Locale.ROOT,
                "%dd %02dh %02dm %02ds",
                d.toDays(),
                d.toHoursPart(),
                d.toMinutesPart(),
                d.toSecondsPart());
    }

    private static String mode(Optional<InlinePolicy> policy) {
        return policy.map(p -> p.mode().wire()).orElse("(alias missing)");
    }

    private static String via(ListDiff.DomainChange change) {
        return change.viaAlias().map(a -> " (via alias " + a + ")").orElse("");
    }

    private static String mdVia(ListDiff.DomainChange change) {
        return change.viaAlias().map(a -> " (via alias " + code(a) + ")").orElse("");
    }

    private static String mxChange(ListDiff.DomainChange c, Function<String, String> quote) {
        StringBuilder out = new StringBuilder();
        if (!c.mxsAdded().isEmpty()) {
            out.append(" added ")
                    .append(String.join(", ", c.mxsAdded().stream().map(quote).toList()));
        }
        if (!c.mxsRemoved().isEmpty()) {
            out.append(c.mxsAdded().isEmpty() ? "" : ";")
                    .append(" removed ")
                    .append(String.join(", ", c.mxsRemoved().stream().map(quote).toList()));
        }
        return out.toString();
    }

    private static String aliasChange(ListDiff.AliasChange a, Function<String, String> quote) {
        if (a.before().isEmpty()) {
            return "added, "
                    + a.after().get().mode().wire()
                    + " "
                    + String.join(", ", ListDiff.mxSet(a.after()).stream().map(quote).toList());
        }
        if (a.after().isEmpty()) {
            return "removed (was " + a.before().get().mode().wire() + ")";
        }
        StringBuilder out = new StringBuilder("changed");
        if (a.before().get().mode() != a.after().get().mode()) {
            out.append(", mode ")
                    .append(a.before().get().mode().wire())
                    .append(" → ")
                    .append(a.after().get().mode().wire());
        }
        java.util.TreeSet<String> added = new java.util.TreeSet<>(ListDiff.mxSet(a.after()));
        added.removeAll(ListDiff.mxSet(a.before()));
        java.util.TreeSet<String> removed = new java.util.TreeSet<>(ListDiff.mxSet(a.before()));
        removed.removeAll(ListDiff.mxSet(a.after()));
        if (!added.isEmpty()) {
            out.append(", MX added ").append(String.join(", ", added.stream().map(quote).toList()));
        }
        if (!removed.isEmpty()) {
            out.append(", MX removed ")
                    .append(String.join(", ", removed.stream().map(quote).toList()));
        }
        return out.toString();
    }

    private static String mdPolicy(
            org.starttlslist.model.Policy policy, Optional<InlinePolicy> effective) {
        String effect =
                effective
                        .map(
                                p ->
                                        p.mode().wire()
                                                + " "
                                                + String.join(
                                                        ", ",
                                                        ListDiff.mxSet(effective).stream()
                                                                .map(DiffFormat::code)
                                                                .toList()))
                        .orElse("(alias missing)");
        if (policy instanceof org.starttlslist.model.AliasReference reference) {
            return "alias " + code(reference.alias()) + " (" + effect + ")";
        }
        return effect;
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
