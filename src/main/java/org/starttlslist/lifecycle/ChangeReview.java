package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;

/**
 * {@code review --base-dir BASE}: judges a pull request's change to the list the way the lifecycle
 * commands would have made it, comparing the pull request's checkout with a checkout of its base.
 * The pull-request workflow runs it from a build of the base branch, so a pull request cannot
 * change the rules it is judged by.
 *
 * <p>Per domain:
 *
 * <ol>
 *   <li>added: starts in {@code testing}; its proof record names its contact; it passes the check;
 *   <li>contact changed: the proof record names the new contact;
 *   <li>MX patterns or alias changed: proof record, and the check passes;
 *   <li>{@code testing} → {@code enforce}: everything {@code promote} requires, judged on the
 *       base's history (the pull request cannot vouch for itself);
 *   <li>{@code testing-since} moved earlier: refused;
 *   <li>removed: a removal record is added with it; at the owner's request the proof record names
 *       the listed contact; a removal for failing checks only from the daily re-check;
 *   <li>{@code history/} changed: only the daily re-check's own pull request ({@code
 *       --trusted-automation}) may; its promotions are judged on its own history.
 * </ol>
 */
public final class ChangeReview {
    private final ListRepository base;
    private final ListRepository head;
    private final Instant now;
    private final DomainChecker checker;
    private final TxtLookup dns;
    private final boolean trustedAutomation;

    public ChangeReview(
            ListRepository base,
            ListRepository head,
            Instant now,
            DomainChecker checker,
            TxtLookup dns,
            boolean trustedAutomation) {
        this.base = base;
        this.head = head;
        this.now = now;
        this.checker = checker;
        this.dns = dns;
        this.trustedAutomation = trustedAutomation;
    }

    /** The verdict on one changed domain or file: empty refusal means accepted. */
    public record Judgement(String file, String change, Optional<String> refusal) {
        public boolean accepted() {
            return refusal.isEmpty();
        }
    }

    public List<Judgement> review() {
        SourceSet before = ListSources.load(base, now);
        SourceSet after = ListSources.load(head, now);
        List<Judgement> judgements = new ArrayList<>();
        if (!trustedAutomation
                && !sameTree(base.root().resolve("history"), head.root().resolve("history"))) {
            judgements.add(
                    new Judgement(
                            "history/",
                            "changed",
                            Optional.of(
                                    "history/ is written only by the daily re-check; leave it out of the pull request")));
        }
        Map<String, DomainSource> old = byDomain(before);
        Map<String, DomainSource> changed = byDomain(after);
        TreeSet<String> domains = new TreeSet<>(old.keySet());
        domains.addAll(changed.keySet());
        ProofCheck proof = new ProofCheck(dns);
        for (String domain : domains) {
            DomainSource was = old.get(domain);
            DomainSource is = changed.get(domain);
            String file = "policies/" + domain + ".json";
            if (was == null) {
                judgements.add(new Judgement(file, "added", added(is, after, proof)));
            } else if (is == null) {
                judgements.add(new Judgement(file, "removed", removed(was, proof)));
            } else if (!same(was, is)) {
                judgements.add(
                        new Judgement(file, "changed", changed(was, before, is, after, proof)));
            }
        }
        return judgements;
    }

    private Optional<String> added(DomainSource source, SourceSet sources, ProofCheck proof) {
        Optional<InlinePolicy> policy = effective(source, sources);
        if (policy.isPresent() && policy.get().mode() == Mode.ENFORCE) {
            return Optional.of(
                    "a new domain starts in testing mode; set \"mode\": \"testing\" (promote makes it enforce after "
                            + "its testing period)");
        }
        return proven(source.domain(), source.contact(), proof).or(() -> checked(source, policy));
    }

    private Optional<String> removed(DomainSource source, ProofCheck proof) {
        Optional<RemovalRecord> record;
        try {
            record = RemovalRecord.find(head, source.domain());
        } catch (CorruptLifecycleFileException e) {
            return Optional.of(e.getMessage());
        }
        if (record.isEmpty()) {
            return Optional.of(
                    "a domain is removed with 'starttls-list remove "
                            + source.domain()
                            + " --reason TEXT', which writes policies/removed/"
                            + source.domain()
                            + ".json; add that file");
        }
        if (record.get().cause() == RemovalRecord.Cause.FAILING) {
            return trustedAutomation
                    ? Optional.empty()
                    : Optional.of(
                            "only the daily re-check removes a domain for failing its checks");
        }
        return proven(source.domain(), source.contact(), proof);
    }

    private Optional<String> changed(
            DomainSource was,
            SourceSet before,
            DomainSource is,
            SourceSet after,
            ProofCheck proof) {
        Optional<InlinePolicy> oldPolicy = effective(was, before);
        Optional<InlinePolicy> newPolicy = effective(is, after);
        if (was.testingSince().isPresent()
                && is.testingSince().isPresent()
                && is.testingSince().get().isBefore(was.testingSince().get())) {
            return Optional.of(
                    "testing-since only moves forward (was " + was.testingSince().get() + ")");
        }
        boolean promoted =
                oldPolicy.map(InlinePolicy::mode).orElse(null) == Mode.TESTING
                        && newPolicy.map(InlinePolicy::mode).orElse(null) == Mode.ENFORCE;
        boolean patternsChanged =
                !oldPolicy
                                .map(InlinePolicy::mxs)
                                .map(TreeSet::new)
                                .equals(newPolicy.map(InlinePolicy::mxs).map(TreeSet::new))
                        || (!was.policy().equals(is.policy()) && !promoted);
        boolean contactChanged = !was.contact().equals(is.contact());
        if (promoted) {
            ListRepository history = trustedAutomation ? head : base;
            Promotion promotion = new Promotion(history, LifecycleSettings.load(base), now, dns);
            Optional<String> why = promotion.whyNot(was);
            if (why.isPresent()) {
                return Optional.of(
                        "set to enforce, but "
                                + why.get()
                                + " (promote decides; do not edit the mode by hand)");
            }
        }
        if (contactChanged || patternsChanged || promoted) {
            Optional<String> unproven = proven(is.domain(), is.contact(), proof);
            if (unproven.isPresent()) {
                return unproven;
            }
        }
        if (patternsChanged) {
            return checked(is, newPolicy);
        }
        return Optional.empty();
    }

    private Optional<String> proven(String domain, String contact, ProofCheck proof) {
        try {
            proof.require(domain, contact);
            return Optional.empty();
        } catch (ProofMissingException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Optional<String> checked(DomainSource source, Optional<InlinePolicy> policy) {
        if (policy.isEmpty()) {
            return Optional.of("uses an alias that does not exist");
        }
        CheckResult result = checker.check(source.domain(), policy.get().mxs());
        if (result.passed()) {
            return Optional.empty();
        }
        return Optional.of(
                "the check failed (" + String.join(", ", result.codes()) + "): " + result.detail());
    }

    private static Optional<InlinePolicy> effective(DomainSource source, SourceSet sources) {
        if (source.policy() instanceof InlinePolicy inline) {
            return Optional.of(inline);
        }
        String alias = ((AliasReference) source.policy()).alias();
        return sources.aliases().stream()
                .filter(a -> a.name().equals(alias))
                .map(AliasSource::policy)
                .findFirst();
    }

    private static boolean same(DomainSource a, DomainSource b) {
        return a.contact().equals(b.contact())
                && a.testingSince().equals(b.testingSince())
                && a.policy().equals(b.policy());
    }

    private static Map<String, DomainSource> byDomain(SourceSet sources) {
        Map<String, DomainSource> map = new TreeMap<>();
        sources.domains().forEach(source -> map.put(source.domain(), source));
        return map;
    }

    private static boolean sameTree(Path a, Path b) {
        return files(a).equals(files(b));
    }

    private static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(path).toString(),
                        java.util.HexFormat.of()
                                .formatHex(LifecycleLayout.sha256(Files.readAllBytes(path))));
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return files;
    }
}
