package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttlslist.build.CanonicalSourceWriter;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.source.ListRepository;

/**
 * {@code recheck apply}: one complete day's results turned into the history and the actions the
 * list's rules call for. Decided in full ({@link #plan}) before anything is written.
 *
 * <p>For each domain, by its previous state and today's result:
 *
 * <ol>
 *   <li>passed, was failing: state becomes passing since today; the contact is told it recovered;
 *   <li>failed, was passing (or new): state becomes failing since today; the contact is told. A
 *       {@code testing} domain's testing period starts again: {@link Promotion} counts the week
 *       from the first day of the current passing streak, which the history holds, so the source
 *       file is not rewritten (rewriting it would rewrite the git tree of {@code policies/}, an
 *       entry per domain, on every flapping day);
 *   <li>an {@code enforce} domain failing for {@code grace-days} days (today included) goes back to
 *       {@code testing} with {@code testing-since} today, and its contact is told;
 *   <li>a {@code testing} domain failing for {@code testing-failure-days} days is removed: its
 *       source is deleted, a removal record written, and its contact told;
 *   <li>anything else: nothing is written for the domain.
 * </ol>
 *
 * Then one run record for the day, and the Markdown report.
 */
public final class RecheckApply {
    private final ListRepository repository;
    private final LifecycleLayout layout;
    private final HistoryStore history;
    private final LifecycleSettings settings;

    public RecheckApply(ListRepository repository, LifecycleSettings settings) {
        this.repository = repository;
        this.layout = new LifecycleLayout(repository);
        this.history = new HistoryStore(repository);
        this.settings = settings;
    }

    /** What one run does, before it is written. */
    public record Plan(ChangeSet changes, List<Notice> notices, RunRecord run, String report) {}

    /** A run for a day that already has one: applying it twice would count the day twice. */
    public static final class AlreadyAppliedException extends RejectedException {
        private static final long serialVersionUID = 1L;

        AlreadyAppliedException(LocalDate day, String file) {
            super(
                    "a run was already applied for "
                            + day
                            + " ("
                            + file
                            + "); apply each day's run once");
        }
    }

    public Plan plan(RecheckTargets targets, ShardSet.Merged merged, LocalDate today) {
        if (layout.runRecord(today).toFile().exists()) {
            throw new AlreadyAppliedException(today, repository.display(layout.runRecord(today)));
        }
        ChangeSet changes = new ChangeSet();
        List<Notice> notices = new ArrayList<>();
        List<String> events = new ArrayList<>();
        Report report = new Report(today, merged.run(), merged.shards());
        int passing = 0;
        int failing = 0;
        for (RecheckTargets.Target target : targets.targets()) {
            CheckResult result = merged.byDomain().get(target.domain());
            Optional<DomainState> before = history.state(target.domain());
            DomainState after;
            if (result.passed()) {
                passing++;
                after =
                        before.map(state -> state.afterPass(today))
                                .orElse(DomainState.passing(target.domain(), today));
                if (before.isPresent() && before.get().isFailing()) {
                    boolean enforce = target.policy().mode() == Mode.ENFORCE;
                    // Promotion needs testing-days passing runs from today on, and testing-since
                    // testing-days back: the later of the two days.
                    LocalDate byStreak = today.plusDays(settings.testingDays() - 1L);
                    LocalDate bySince =
                            target.testingSince()
                                    .map(date -> date.plusDays(settings.testingDays()))
                                    .orElse(byStreak);
                    notices.add(
                            NoticeTexts.recovered(
                                    target.domain(),
                                    target.source().contact(),
                                    today,
                                    byStreak.isAfter(bySince) ? byStreak : bySince,
                                    enforce));
                    events.add(target.domain() + ": recovered");
                    report.recovered(target.domain(), before.get());
                }
            } else {
                failing++;
                after =
                        before.map(state -> state.afterFailure(today, result.codes()))
                                .orElse(
                                        new DomainState(
                                                target.domain(),
                                                DomainState.Status.FAILING,
                                                today,
                                                result.codes(),
                                                Optional.empty()));
                boolean newFailure = before.isEmpty() || !before.get().isFailing();
                long days = after.daysIncluding(today);
                if (target.policy().mode() == Mode.ENFORCE) {
                    if (days >= settings.graceDays()) {
                        demote(target, today, changes);
                        LocalDate removalDay =
                                after.since().plusDays(settings.testingFailureDays() - 1L);
                        notices.add(
                                NoticeTexts.demoted(
                                        target.domain(),
                                        target.source().contact(),
                                        today,
                                        result.codes(),
                                        result.detail(),
                                        days,
                                        removalDay));
                        events.add(target.domain() + ": demoted to testing");
                        report.demoted(target.domain(), result, days);
                    } else if (newFailure) {
                        LocalDate demotionDay = after.since().plusDays(settings.graceDays() - 1L);
                        notices.add(
                                NoticeTexts.failingEnforce(
                                        target.domain(),
                                        target.source().contact(),
                                        today,
                                        result.codes(),
                                        result.detail(),
                                        demotionDay));
                        events.add(target.domain() + ": failing");
                        report.newFailure(
                                target.domain(),
                                result,
                                "enforce; back to testing on " + demotionDay + " if still failing");
                    }
                } else if (days >= settings.testingFailureDays()) {
                    changes.delete(layout.source(target.domain()));
                    changes.delete(layout.domainState(target.domain()));
                    String reason =
                            "failed its daily checks for "
                                    + days
                                    + " days ("
                                    + String.join(", ", result.codes())
                                    + ")";
                    changes.write(
                            layout.removalRecord(target.domain()),
                            new RemovalRecord(
                                            target.domain(),
                                            today,
                                            RemovalRecord.Cause.FAILING,
                                            reason,
                                            "recheck run " + merged.run())
                                    .toBytes());
                    notices.add(
                            NoticeTexts.removed(
                                    target.domain(),
                                    target.source().contact(),
                                    today,
                                    result.codes(),
                                    result.detail(),
                                    days));
                    events.add(target.domain() + ": removed");
                    report.removed(target.domain(), result, days);
                    continue;
                } else if (newFailure) {
                    LocalDate removalDay =
                            after.since().plusDays(settings.testingFailureDays() - 1L);
                    notices.add(
                            NoticeTexts.failingTesting(
                                    target.domain(),
                                    target.source().contact(),
                                    today,
                                    result.codes(),
                                    result.detail(),
                                    removalDay));
                    events.add(target.domain() + ": failing");
                    report.newFailure(
                            target.domain(),
                            result,
                            "testing restarted; removed on " + removalDay + " if still failing");
                }
                report.failing(target.domain(), after, target.policy().mode());
            }
            if (before.isEmpty() || !before.get().equals(after)) {
                changes.write(layout.domainState(target.domain()), after.toBytes());
            }
        }
        Outbox.queue(layout, notices, changes);
        RunRecord run =
                new RunRecord(
                        today,
                        merged.run(),
                        merged.shards(),
                        targets.targets().size(),
                        passing,
                        failing,
                        events);
        changes.writeLast(layout.runRecord(today), run.toBytes());
        return new Plan(changes, notices, run, report.markdown(passing, failing));
    }

    private void demote(RecheckTargets.Target target, LocalDate today, ChangeSet changes) {
        InlinePolicy testing = new InlinePolicy(Mode.TESTING, target.policy().mxs());
        changes.write(
                layout.source(target.domain()),
                CanonicalSourceWriter.domain(
                        target.source().contact(), Optional.of(today), testing));
    }
}
