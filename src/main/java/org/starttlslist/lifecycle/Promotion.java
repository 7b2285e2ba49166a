package org.starttlslist.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.build.CanonicalSourceWriter;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;

/**
 * {@code promote}: {@code testing} → {@code enforce}, only when all of these hold:
 *
 * <ol>
 *   <li>the domain has its own policy (not a shared alias) in {@code testing};
 *   <li>{@code testing-since} is at least {@code testing-days} ago;
 *   <li>the history says it passes, and the daily runs since its current passing streak began
 *       number at least {@code testing-days}: it passed every daily check of a full testing period
 *       (a failure restarts the streak, so the week starts again);
 *   <li>its proof record names its contact.
 * </ol>
 */
public final class Promotion {
    private final ListRepository repository;
    private final LifecycleLayout layout;
    private final HistoryStore history;
    private final LifecycleSettings settings;
    private final Instant now;
    private final LocalDate today;
    private final ProofCheck proof;

    public Promotion(
            ListRepository repository, LifecycleSettings settings, Instant now, TxtLookup dns) {
        this.repository = repository;
        this.layout = new LifecycleLayout(repository);
        this.history = new HistoryStore(repository);
        this.settings = settings;
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.proof = new ProofCheck(dns);
    }

    /**
     * What a promote run did: promoted domains, and each other domain asked for with the reason.
     */
    public record Outcome(
            List<String> promoted, Map<String, String> notPromoted, List<Notice> notices) {}

    /** Promotes the named domains, or with {@code all} every domain in testing. */
    public Outcome promote(List<String> domains, boolean all) {
        SourceSet sources = ListSources.load(repository, now);
        List<DomainSource> candidates = new ArrayList<>();
        Map<String, String> notPromoted = new LinkedHashMap<>();
        if (all) {
            sources.domains().stream()
                    .filter(
                            source ->
                                    source.policy() instanceof InlinePolicy inline
                                            && inline.mode() == Mode.TESTING)
                    .forEach(candidates::add);
        } else {
            for (String domain : domains) {
                Optional<DomainSource> source = ListSources.domain(sources, domain);
                if (source.isEmpty()) {
                    notPromoted.put(domain, "not on the list");
                } else {
                    candidates.add(source.get());
                }
            }
        }
        ChangeSet changes = new ChangeSet();
        List<String> promoted = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        for (DomainSource source : candidates) {
            Optional<String> why = whyNot(source);
            if (why.isPresent()) {
                notPromoted.put(source.domain(), why.get());
                continue;
            }
            InlinePolicy inline = (InlinePolicy) source.policy();
            changes.write(
                    layout.source(source.domain()),
                    CanonicalSourceWriter.domain(
                            source.contact(),
                            source.testingSince(),
                            new InlinePolicy(Mode.ENFORCE, inline.mxs())));
            DomainState state = history.state(source.domain()).orElseThrow();
            notices.add(
                    NoticeTexts.promoted(source.domain(), source.contact(), today, state.since()));
            promoted.add(source.domain());
        }
        Outbox.queue(layout, notices, changes);
        changes.commit(repository);
        return new Outcome(promoted, notPromoted, notices);
    }

    /** Why a domain may not be promoted today, or empty when it may. */
    public Optional<String> whyNot(DomainSource source) {
        if (!(source.policy() instanceof InlinePolicy inline)) {
            return Optional.of(
                    "uses a shared policy (policy-alias); the maintainers set the alias's mode");
        }
        if (inline.mode() == Mode.ENFORCE) {
            return Optional.of("already in enforce mode");
        }
        if (source.testingSince().isEmpty()) {
            return Optional.of(
                    "has no testing-since; add it with today's date, and its testing period starts today");
        }
        LocalDate testingSince = source.testingSince().get();
        LocalDate earliest = testingSince.plusDays(settings.testingDays());
        if (today.isBefore(earliest)) {
            return Optional.of(
                    "in testing since "
                            + testingSince
                            + "; not before "
                            + earliest
                            + " (testing-days "
                            + settings.testingDays()
                            + ")");
        }
        Optional<DomainState> state = history.state(source.domain());
        if (state.isEmpty()) {
            return Optional.of(
                    "no daily check has been recorded yet; wait for the daily re-checks");
        }
        if (state.get().isFailing()) {
            return Optional.of(
                    "failing its daily checks since "
                            + state.get().since()
                            + " ("
                            + String.join(", ", state.get().codes())
                            + "); fix it, then it needs "
                            + settings.testingDays()
                            + " passing days");
        }
        LocalDate streak = state.get().since();
        int runs = history.runDays().subSet(streak, true, today, true).size();
        if (runs < settings.testingDays()) {
            return Optional.of(
                    "passed "
                            + runs
                            + " of the "
                            + settings.testingDays()
                            + " daily checks it needs (passing since "
                            + streak
                            + ")");
        }
        if (!proof.present(source.domain(), source.contact())) {
            return Optional.of(
                    "no proof record: publish "
                            + ProofRecord.zoneLine(source.domain(), source.contact()));
        }
        return Optional.empty();
    }
}
