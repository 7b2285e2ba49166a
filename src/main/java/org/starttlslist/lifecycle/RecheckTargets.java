package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.SourceSet;

/**
 * Every domain a daily run checks (all listed domains, testing and enforce), with its policy
 * resolved.
 */
public record RecheckTargets(List<Target> targets) {
    /**
     * One domain to check.
     *
     * @param policy the domain's own policy, or its alias's
     * @param alias the alias it uses, if any
     */
    public record Target(DomainSource source, InlinePolicy policy, Optional<String> alias) {
        public String domain() {
            return source.domain();
        }

        public List<MxPattern> patterns() {
            return policy.mxs();
        }

        public Optional<LocalDate> testingSince() {
            return source.testingSince();
        }
    }

    public RecheckTargets {
        targets = List.copyOf(targets);
    }

    public static RecheckTargets of(SourceSet sources) {
        Map<String, InlinePolicy> aliases = new HashMap<>();
        for (AliasSource alias : sources.aliases()) {
            aliases.put(alias.name(), alias.policy());
        }
        List<Target> targets = new ArrayList<>();
        for (DomainSource domain : sources.domains()) {
            if (domain.policy() instanceof InlinePolicy inline) {
                targets.add(new Target(domain, inline, Optional.empty()));
            } else if (domain.policy() instanceof AliasReference reference
                    && aliases.containsKey(reference.alias())) {
                targets.add(
                        new Target(
                                domain,
                                aliases.get(reference.alias()),
                                Optional.of(reference.alias())));
            }
        }
        targets.sort(java.util.Comparator.comparing(Target::domain));
        return new RecheckTargets(targets);
    }

    public List<Target> inShard(Shards.Shard shard) {
        return targets.stream().filter(target -> shard.contains(target.domain())).toList();
    }

    public Optional<Target> find(String domain) {
        return targets.stream().filter(target -> target.domain().equals(domain)).findFirst();
    }

    /** SHA-256 of the sorted domain names, one per line: which list a set of results belongs to. */
    public String digest() {
        StringBuilder names = new StringBuilder();
        for (Target target : targets) {
            names.append(target.domain()).append('\n');
        }
        return LifecycleLayout.sha256Hex(names.toString());
    }
}
