package org.starttlslist.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttlslist.build.CanonicalSourceWriter;
import org.starttlslist.model.DomainName;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.EmailAddresses;

/**
 * {@code add}, {@code update} and {@code remove}: each checks everything first (the repository, the
 * proof record through DNS, the live check), then changes the source files in one {@link
 * ChangeSet}. A refusal writes nothing.
 */
public final class DomainEdits {
    private final ListRepository repository;
    private final LifecycleLayout layout;
    private final Instant now;
    private final LocalDate today;
    private final DomainChecker checker;
    private final ProofCheck proof;

    public DomainEdits(
            ListRepository repository, Instant now, DomainChecker checker, TxtLookup dns) {
        this.repository = repository;
        this.layout = new LifecycleLayout(repository);
        this.now = now;
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.checker = checker;
        this.proof = new ProofCheck(dns);
    }

    /** What {@code add} did. */
    public record Added(String domain, List<MxPattern> patterns, boolean suggested, String file) {}

    /**
     * Adds a domain in {@code testing} with {@code testing-since} today: refused unless the domain
     * is well-formed and not listed, has no removal record (or {@code reAdd}), the contact is an
     * address, the proof record names the contact, and the domain passes the check.
     */
    public Added add(DomainName name, String contact, List<MxPattern> patterns, boolean reAdd) {
        String domain = name.value();
        requireContact(domain, contact);
        SourceSet sources = ListSources.load(repository, now);
        if (ListSources.domain(sources, domain).isPresent()) {
            throw new LifecycleRefusedException(
                    domain,
                    "is already listed ("
                            + repository.display(layout.source(domain))
                            + "); to change it use 'starttls-list update "
                            + domain
                            + "'");
        }
        Optional<RemovalRecord> removal = RemovalRecord.find(repository, domain);
        if (removal.isPresent() && !reAdd) {
            RemovalRecord record = removal.get();
            throw new LifecycleRefusedException(
                    domain,
                    "was removed on "
                            + record.removed()
                            + " ("
                            + record.cause().wire()
                            + ": "
                            + record.reason()
                            + "; "
                            + repository.display(layout.removalRecord(domain))
                            + "); to add it again give --re-add, with its proof record in place");
        }
        proof.require(domain, contact);
        CheckResult result = checker.check(domain, patterns);
        if (!result.passed()) {
            throw new CheckFailedException(
                    domain, result.codes(), result.detail(), "fix it and run add again");
        }
        boolean suggested = patterns.isEmpty();
        List<MxPattern> chosen = suggested ? suggest(domain, result.mxHosts()) : patterns;
        ChangeSet changes = new ChangeSet();
        changes.write(
                layout.source(domain),
                CanonicalSourceWriter.domain(
                        contact, Optional.of(today), new InlinePolicy(Mode.TESTING, chosen)));
        removal.ifPresent(record -> changes.delete(layout.removalRecord(domain)));
        changes.commit(repository);
        return new Added(domain, chosen, suggested, repository.display(layout.source(domain)));
    }

    private static List<MxPattern> suggest(String domain, List<String> mxHosts) {
        if (mxHosts.isEmpty()) {
            throw new LifecycleRefusedException(
                    domain,
                    "the check found no MX host to suggest patterns from; give --mx PATTERN");
        }
        List<MxPattern> patterns = new ArrayList<>();
        mxHosts.stream()
                .map(HostNames::foldCase)
                .sorted()
                .distinct()
                .forEach(host -> patterns.add(new MxPattern(host)));
        return patterns;
    }

    /** What {@code update} did. */
    public record Updated(String domain, String file, boolean testingRestarted) {}

    /**
     * Changes a domain's MX patterns and/or contact. The proof record must name the (new) contact;
     * new patterns must pass the check, except for a {@code testing} domain, whose testing period
     * then starts again. For an {@code enforce} domain a failing change is refused.
     */
    public Updated update(
            DomainName name, Optional<List<MxPattern>> patterns, Optional<String> newContact) {
        String domain = name.value();
        newContact.ifPresent(contact -> requireContact(domain, contact));
        DomainSource source = listed(domain);
        String contact = newContact.orElse(source.contact());
        proof.require(domain, contact);
        org.starttlslist.model.Policy policy = source.policy();
        Optional<LocalDate> testingSince = source.testingSince();
        boolean restarted = false;
        if (patterns.isPresent()) {
            if (!(policy instanceof InlinePolicy inline)) {
                throw new LifecycleRefusedException(
                        domain,
                        "uses a shared policy (policy-alias); its MX patterns are "
                                + "changed in policies/aliases/, by the maintainers");
            }
            CheckResult result = checker.check(domain, patterns.get());
            if (!result.passed()) {
                if (inline.mode() == Mode.ENFORCE) {
                    throw new CheckFailedException(
                            domain,
                            result.codes(),
                            result.detail(),
                            "the domain is in enforce mode, so the change is refused: make the new hosts live first, "
                                    + "or migrate in steps (add the new patterns beside the old, move, then remove the old)");
                }
                testingSince = Optional.of(today);
                restarted = true;
            }
            policy = new InlinePolicy(inline.mode(), patterns.get());
        }
        ChangeSet changes = new ChangeSet();
        changes.write(
                layout.source(domain), CanonicalSourceWriter.domain(contact, testingSince, policy));
        changes.commit(repository);
        return new Updated(domain, repository.display(layout.source(domain)), restarted);
    }

    /**
     * Removes a domain at its owner's request: the proof record must name the listed contact. The
     * source and the domain's history go; a removal record keeps it off the list.
     */
    public RemovalRecord remove(DomainName name, String reason, String by) {
        String domain = name.value();
        if (reason.isBlank()) {
            throw new LifecycleRefusedException(
                    domain, "give the reason for the removal with --reason TEXT");
        }
        DomainSource source = listed(domain);
        proof.require(domain, source.contact());
        RemovalRecord record =
                new RemovalRecord(
                        domain, today, RemovalRecord.Cause.OWNER_REQUEST, reason.strip(), by);
        ChangeSet changes = new ChangeSet();
        changes.write(layout.removalRecord(domain), record.toBytes());
        changes.delete(layout.source(domain));
        changes.delete(layout.domainState(domain));
        changes.commit(repository);
        return record;
    }

    private DomainSource listed(String domain) {
        SourceSet sources = ListSources.load(repository, now);
        return ListSources.domain(sources, domain)
                .orElseThrow(
                        () ->
                                new LifecycleRefusedException(
                                        domain,
                                        "is not on the list (no "
                                                + repository.display(layout.source(domain))
                                                + "); add it with 'starttls-list add'"));
    }

    /**
     * The domain a command-line argument names, case folded and without a trailing dot; a name that
     * breaks the rule of {@link DomainName} is refused, naming it.
     */
    public static DomainName domainName(String typed) {
        return DomainName.tryParse(typed)
                .orElseThrow(
                        () ->
                                new LifecycleRefusedException(
                                        typed,
                                        "the domain name "
                                                + DomainName.problem(typed).orElseThrow()));
    }

    public static void requireContact(String domain, String contact) {
        EmailAddresses.problem(contact)
                .ifPresent(
                        problem -> {
                            throw new LifecycleRefusedException(
                                    domain, "the contact '" + contact + "' " + problem);
                        });
    }
}
