package org.starttlslist.diff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;

/**
 * The difference between two lists, {@code before} and {@code after}.
 *
 * @param before when the old list was made and when it expired
 * @param after the same for the new list
 * @param added domains only in the new list
 * @param removed domains only in the old list
 * @param changed domains in both whose entry or effective policy differs
 * @param aliases aliases added, removed or changed
 */
public record ListDiff(
        Validity before,
        Validity after,
        List<Listed> added,
        List<Listed> removed,
        List<DomainChange> changed,
        List<AliasChange> aliases) {

    public ListDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        aliases = List.copyOf(aliases);
    }

    /** A list's timestamp and expiry. */
    public record Validity(Instant timestamp, Instant expires) {}

    /** A domain with its entry and, when the alias exists, its effective policy. */
    public record Listed(String domain, Policy policy, Optional<InlinePolicy> effective) {}

    /** A domain in both lists whose entry or effective policy changed. */
    public record DomainChange(
            String domain,
            Policy before,
            Policy after,
            Optional<InlinePolicy> effectiveBefore,
            Optional<InlinePolicy> effectiveAfter) {

        public Optional<Mode> modeBefore() {
            return effectiveBefore.map(InlinePolicy::mode);
        }

        public Optional<Mode> modeAfter() {
            return effectiveAfter.map(InlinePolicy::mode);
        }

        public boolean modeChanged() {
            return !modeBefore().equals(modeAfter());
        }

        /** {@code enforce → testing}: senders stop refusing plain-text delivery to this domain. */
        public boolean isDowngrade() {
            return modeBefore().equals(Optional.of(Mode.ENFORCE))
                    && modeAfter().equals(Optional.of(Mode.TESTING));
        }

        public boolean isUpgrade() {
            return modeBefore().equals(Optional.of(Mode.TESTING))
                    && modeAfter().equals(Optional.of(Mode.ENFORCE));
        }

        public SortedSet<String> mxsAdded() {
            SortedSet<String> added = mxSet(effectiveAfter);
            added.removeAll(mxSet(effectiveBefore));
            return added;
        }

        public SortedSet<String> mxsRemoved() {
            SortedSet<String> removed = mxSet(effectiveBefore);
            removed.removeAll(mxSet(effectiveAfter));
            return removed;
        }

        public boolean mxsChanged() {
            return !mxsAdded().isEmpty() || !mxsRemoved().isEmpty();
        }

        /**
         * The entry itself changed (inline ↔ alias, or another alias), not only what an alias says.
         */
        public boolean entryChanged() {
            if (before instanceof AliasReference a && after instanceof AliasReference b) {
                return !a.alias().equals(b.alias());
            }
            return before.getClass() != after.getClass();
        }

        /** The alias this domain uses in both lists when only that alias changed. */
        public Optional<String> viaAlias() {
            if (!entryChanged() && after instanceof AliasReference reference) {
                return Optional.of(reference.alias());
            }
            return Optional.empty();
        }
    }

    /** An alias added, removed or changed, with the domains that use it in either list. */
    public record AliasChange(
            String name,
            Optional<InlinePolicy> before,
            Optional<InlinePolicy> after,
            SortedSet<String> domains) {
        public AliasChange {
            domains = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(domains));
        }
    }

    /** Compares two lists. Neither needs to be canonical. */
    public static ListDiff between(PolicyList before, PolicyList after) {
        List<Listed> added = new ArrayList<>();
        List<Listed> removed = new ArrayList<>();
        List<DomainChange> changed = new ArrayList<>();
        for (Map.Entry<String, Policy> entry : after.policies().entrySet()) {
            String domain = entry.getKey();
            Policy old = before.policies().get(domain);
            if (old == null) {
                added.add(new Listed(domain, entry.getValue(), after.resolve(domain)));
                continue;
            }
            Optional<InlinePolicy> effectiveBefore = before.resolve(domain);
            Optional<InlinePolicy> effectiveAfter = after.resolve(domain);
            if (!sameEntry(old, entry.getValue()) || !sameEffect(effectiveBefore, effectiveAfter)) {
                changed.add(
                        new DomainChange(
                                domain, old, entry.getValue(), effectiveBefore, effectiveAfter));
            }
        }
        for (Map.Entry<String, Policy> entry : before.policies().entrySet()) {
            if (!after.policies().containsKey(entry.getKey())) {
                removed.add(
                        new Listed(
                                entry.getKey(), entry.getValue(), before.resolve(entry.getKey())));
            }
        }
        TreeSet<String> aliasNames = new TreeSet<>(before.aliases().keySet());
        aliasNames.addAll(after.aliases().keySet());
        List<AliasChange> aliases = new ArrayList<>();
        for (String name : aliasNames) {
            Optional<InlinePolicy> old = Optional.ofNullable(before.aliases().get(name));
            Optional<InlinePolicy> now = Optional.ofNullable(after.aliases().get(name));
            if (!sameEffect(old, now)) {
                TreeSet<String> users = new TreeSet<>(usersOf(before, name));
                users.addAll(usersOf(after, name));
                aliases.add(new AliasChange(name, old, now, users));
            }
        }
        return new ListDiff(
                new Validity(before.timestamp(), before.expires()),
                new Validity(after.timestamp(), after.expires()),
                added,
                removed,
                changed,
                aliases);
    }

    public boolean hasPolicyChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty() || !aliases.isEmpty();
    }

    public List<DomainChange> downgrades() {
        return changed.stream().filter(DomainChange::isDowngrade).toList();
    }

    public List<DomainChange> upgrades() {
        return changed.stream().filter(DomainChange::isUpgrade).toList();
    }

    /** Domains removed while in {@code enforce}: senders lose protection for them too. */
    public List<Listed> removedWhileEnforced() {
        return removed.stream()
                .filter(l -> l.effective().map(p -> p.mode() == Mode.ENFORCE).orElse(false))
                .toList();
    }

    public List<DomainChange> mxChanges() {
        return changed.stream().filter(DomainChange::mxsChanged).toList();
    }

    /**
     * One ASCII line for a commit message or a log, e.g. {@code +2 domains, -1 domain, 1
     * testing->enforce, 1 enforce->testing (downgrade), MX changes for 3 domains, 1 alias changed;
     * expires 2020-05-20T18:18:30Z -> 2020-06-03T17:25:12Z}.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("+" + count(added.size(), "domain"));
        }
        if (!removed.isEmpty()) {
            parts.add("-" + count(removed.size(), "domain"));
        }
        if (!upgrades().isEmpty()) {
            parts.add(upgrades().size() + " testing->enforce");
        }
        if (!downgrades().isEmpty()) {
            parts.add(downgrades().size() + " enforce->testing (downgrade)");
        }
        if (!mxChanges().isEmpty()) {
            parts.add("MX changes for " + count(mxChanges().size(), "domain"));
        }
        long otherChanges =
                changed.stream().filter(c -> !c.modeChanged() && !c.mxsChanged()).count();
        if (otherChanges > 0) {
            parts.add(count(otherChanges, "domain") + " switched alias/inline");
        }
        if (!aliases.isEmpty()) {
            parts.add(aliases.size() + (aliases.size() == 1 ? " alias" : " aliases") + " changed");
        }
        String policies = parts.isEmpty() ? "no policy changes" : String.join(", ", parts);
        return policies + "; " + validityLine("->");
    }

    /** {@code expires A -> B} (and the timestamp when only it moved the other way). */
    String validityLine(String arrow) {
        if (before.equals(after)) {
            return "same timestamp and expiry (" + ListTimes.format(after.expires()) + ")";
        }
        return "expires "
                + ListTimes.format(before.expires())
                + " "
                + arrow
                + " "
                + ListTimes.format(after.expires());
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static SortedSet<String> mxSet(Optional<InlinePolicy> policy) {
        TreeSet<String> set = new TreeSet<>();
        policy.ifPresent(p -> p.mxs().forEach(mx -> set.add(mx.value())));
        return set;
    }

    private static boolean sameEffect(Optional<InlinePolicy> a, Optional<InlinePolicy> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().mode() == b.get().mode() && mxSet(a).equals(mxSet(b));
    }

    private static boolean sameEntry(Policy a, Policy b) {
        if (a instanceof AliasReference ra && b instanceof AliasReference rb) {
            return ra.alias().equals(rb.alias());
        }
        if (a instanceof InlinePolicy ia && b instanceof InlinePolicy ib) {
            return sameEffect(Optional.of(ia), Optional.of(ib));
        }
        return false;
    }

    private static List<String> usersOf(PolicyList list, String alias) {
        return list.policies().entrySet().stream()
                .filter(e -> e.getValue() instanceof AliasReference r && r.alias().equals(alias))
                .map(Map.Entry::getKey)
                .toList();
    }

    static String mxs(Optional<InlinePolicy> policy) {
        return String.join(", ", mxSet(policy));
    }

    static String describe(Policy policy, Optional<InlinePolicy> effective) {
        String effect =
                effective
                        .map(
                                p ->
                                        p.mode().wire()
                                                + " ["
                                                + String.join(", ", mxSet(effective))
                                                + "]")
                        .orElse("(alias missing)");
        if (policy instanceof AliasReference reference) {
            return "alias " + reference.alias() + ": " + effect;
        }
        return effect;
    }
}
