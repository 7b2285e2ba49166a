package org.starttlslist.release;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.build.ListBuild;
import org.starttlslist.lifecycle.RemovalNotes;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.source.SourceSet;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.validate.Severity;
import org.starttlslist.validate.ValidationReport;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;

/**
 * Cuts a release: the only sequence there is, so a list is never signed before it is merged, never
 * published with a bad signature, never older than the one before it, and always exactly what the
 * release commit holds.
 *
 * <ol>
 *   <li>The release instant: within {@link ListVerifier#DEFAULT_SKEW} of the real clock, unless the
 *       caller explicitly allowed otherwise.
 *   <li>Lock the clone for the whole run ({@link ReleaseLock}).
 *   <li>Preflight: no leftover {@code .git/index.lock}; on the release branch; nothing uncommitted,
 *       untracked, ignored or hidden by index flags under {@code policies/} and {@code release/};
 *       not behind the remote.
 *   <li>Build from the tree of the checked commit (never the working tree) with one timestamp,
 *       through the same {@link ListBuild} as {@code build}; refuse unless it is later than the
 *       committed list's, and unless the list is valid at the real clock.
 *   <li>Sign with a maintainer key that is pinned in the commit's {@code release/keys/}.
 *   <li>{@link ReleaseTransaction}: make the commit and signed tag objects; verify the commit's own
 *       blobs exactly as a mirror will (the commit's pinned keys, the real clock, the previous list
 *       as rollback reference); compare-and-swap the branch; re-check that the remote's list is
 *       older; push branch and tag atomically.
 * </ol>
 *
 * Steps 1 to 5 write nothing. Step 6 is all or nothing.
 */
public final class Release {
    private static final DateTimeFormatter TAG_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * One release run.
     *
     * @param now the release instant: the list's timestamp (truncated to seconds)
     * @param clock the real time, read once at the edge; the published list must be valid then
     * @param allowNowFarFromClock the explicit override for a {@code now} further than the skew
     *     from {@code clock}
     * @param key loads (and unlocks) the signing key; called only once every check that needs no
     *     key has passed, so a refused release never asks for a passphrase
     * @param remote the remote to check against and push to
     * @param push false for {@code --no-push}: stop after the tag; the remote is still checked when
     *     it is configured
     * @param timeout the deadline for connecting to and each answer of the remote
     */
    public record Request(
            ListRepository repository,
            Instant now,
            Instant clock,
            boolean allowNowFarFromClock,
            Supplier<SigningKey> key,
            ReleaseTransaction.Identity identity,
            String remote,
            boolean push,
            Duration timeout) {
        public Request {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** A release at the real time {@code now}, with the default timeout. */
        public Request(
                ListRepository repository,
                Instant now,
                Supplier<SigningKey> key,
                ReleaseTransaction.Identity identity,
                String remote,
                boolean push) {
            this(
                    repository,
                    now,
                    now,
                    false,
                    key,
                    identity,
                    remote,
                    push,
                    GitRemote.DEFAULT_TIMEOUT);
        }
    }

    /** What was released and where it is. */
    public record Outcome(
            PolicyList list,
            ListChanges changes,
            String signer,
            String tagName,
            ObjectId commit,
            ObjectId previousCommit,
            String branch,
            Optional<String> pushedTo) {}

    private Release() {}

    /** The tag of the list published at {@code timestamp}: {@code list-20261128T120000Z}. */
    public static String tagName(Instant timestamp) {
        return "list-" + TAG_TIME.format(timestamp);
    }

    // "try": the lock is held for the whole try-with-resources block and never referenced in it, by
    // design.
    @SuppressWarnings("try")
    public static Outcome run(Request request, Consumer<String> progress) {
        Instant timestamp = request.now().truncatedTo(ChronoUnit.SECONDS);

        // 1. The release instant against the real clock.
        ReleaseClock clock = new ReleaseClock(request.clock(), ListVerifier.DEFAULT_SKEW);
        clock.requireNear(timestamp, request.allowNowFarFromClock());

        try (Git git = ListGit.open(request.repository());
                ReleaseLock lock = ReleaseLock.acquire(git.getRepository())) {
            GitPreflight preflight = new GitPreflight(git);
            preflight.requireNoIndexLock();
            ObjectId checked = preflight.requireHeadCommit();
            CommittedTree tree = CommittedTree.of(git.getRepository(), checked);
            try (CommittedTree.Snapshot snapshot = tree.snapshot()) {
                return run(request, progress, git, preflight, tree, snapshot, timestamp, clock);
            }
        }
    }

    private static Outcome run(
            Request request,
            Consumer<String> progress,
            Git git,
            GitPreflight preflight,
            CommittedTree tree,
            CommittedTree.Snapshot snapshot,
            Instant timestamp,
            ReleaseClock clock) {
        // 2. Preflight. The build runs first only because the commit's settings name the release
        //    branch; its refusal is reported after the git checks, which are cheaper to fix.
        ListBuild.Result build = null;
        InvalidSourcesException invalid = null;
        try {
            build = ListBuild.run(snapshot.repository(), timestamp);
        } catch (InvalidSourcesException e) {
            invalid = e;
        }
        ValidationReport report = build != null ? build.report() : invalid.report();
        if (report.sources().isEmpty()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.RELEASE);
        }
        ListSettings settings = report.sources().get().settings();
        ObjectId head = preflight.requireOnBranch(settings.releaseBranch());
        if (!head.equals(tree.commit())) {
            throw new BranchMovedException(
                    settings.releaseBranch(), tree.commit(), "at " + head.abbreviate(10).name());
        }
        preflight.requireClean();
        Optional<GitRemote> remote = remote(git, request);
        if (remote.isPresent()) {
            preflight.requireNotBehind(remote.get(), settings.releaseBranch(), head);
            progress.accept(
                    "preflight: on "
                            + settings.releaseBranch()
                            + " at "
                            + head.abbreviate(10).name()
                            + ", working tree clean, up to date with "
                            + remote.get().name()
                            + "/"
                            + settings.releaseBranch());
        } else {
            progress.accept(
                    "preflight: on "
                            + settings.releaseBranch()
                            + " at "
                            + head.abbreviate(10).name()
                            + ", working tree clean (no remote '"
                            + request.remote()
                            + "' to compare with)");
        }
        if (invalid != null || report.hasErrors()) {
            throw new InvalidSourcesException(report, InvalidSourcesException.Step.RELEASE);
        }
        SourceSet sources = report.sources().get();
        progress.accept(
                "validate: "
                        + sources.domains().size()
                        + " domain sources, "
                        + sources.aliases().size()
                        + " aliases, "
                        + report.count(Severity.WARNING)
                        + " warning(s), no errors (read from commit "
                        + head.abbreviate(10).name()
                        + ")");

        String tagName = tagName(timestamp);
        ReleaseTransaction transaction = new ReleaseTransaction(git, request.repository());
        transaction.requireNewTag(tagName);

        // 3. Newer than the committed list, valid at the real clock.
        Optional<PublishedPair> published = tree.publishedPair();
        Optional<PolicyList> previous = published.map(pair -> PolicyListParser.parse(pair.list()));
        if (previous.isPresent() && !timestamp.isAfter(previous.get().timestamp())) {
            throw new TimestampNotNewerException(previous.get().timestamp(), timestamp);
        }
        PolicyList list = build.list();
        byte[] listBytes = build.bytes();
        clock.requireValidNow(list);
        ListChanges changes = ListChanges.between(previous, list);
        progress.accept(
                "build: "
                        + counts(list)
                        + ", expires "
                        + ListTimes.format(list.expires())
                        + " ("
                        + changes.summary()
                        + ")");

        // 4. Sign with a pinned maintainer key.
        SigningKey key = request.key().get();
        String signer = key.primaryFingerprint();
        if (!settings.isMaintainer(signer)) {
            throw new SignerNotMaintainerException(
                    signer, "is not listed under \"maintainers\" in release/config.json");
        }
        PinnedKeys pinned = ReleaseKeys.load(snapshot.repository());
        if (!pinned.pinsPrimary(signer)) {
            throw new SignerNotMaintainerException(
                    signer,
                    "has no public key in release/keys/, so mirrors could not verify the release");
        }
        byte[] signature = key.signDetached(listBytes, timestamp);
        progress.accept("sign: release/policy.json.asc by " + signer);

        // 5. Commit, verify what was committed, compare-and-swap, re-check the remote, push.
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PublishedPair.LIST_PATH, listBytes);
        files.put(PublishedPair.SIGNATURE_PATH, signature);
        String branch = settings.releaseBranch();
        ReleaseTransaction.Checks checks =
                new ReleaseTransaction.Checks() {
                    @Override
                    public void commitMade(ObjectId commit) {
                        List<String> signers =
                                CommittedPairCheck.verify(
                                                git.getRepository(),
                                                commit,
                                                pinned,
                                                SigningThreshold.read(snapshot.repository()),
                                                published.map(PublishedPair::list),
                                                clock.instant(),
                                                "nothing was committed")
                                        .signerFingerprints();
                        progress.accept(
                                "verify: the committed pair passes verify with the commit's release/keys/ at the real time "
                                        + ListTimes.format(clock.instant())
                                        + " (signed by "
                                        + String.join(", ", signers)
                                        + ")");
                    }

                    @Override
                    public void beforePush() {
                        GitRemote target = remote.orElseThrow();
                        Optional<ObjectId> tip = target.fetchBranch(branch);
                        Optional<PolicyList> remoteList =
                                tip.flatMap(
                                                id ->
                                                        CommittedTree.of(git.getRepository(), id)
                                                                .publishedPair())
                                        .map(pair -> PolicyListParser.parse(pair.list()));
                        if (remoteList.isPresent()
                                && !timestamp.isAfter(remoteList.get().timestamp())) {
                            throw new TimestampNotNewerException(
                                    remoteList.get().timestamp(),
                                    timestamp,
                                    target.name() + "/" + branch);
                        }
                    }
                };
        ReleaseTransaction.Plan plan =
                new ReleaseTransaction.Plan(
                        files,
                        commitMessage(
                                list,
                                changes,
                                RemovalNotes.render(
                                        snapshot.repository(), changes.removedDomains(), false),
                                signer),
                        tagName,
                        tagMessage(list, signer),
                        request.identity(),
                        timestamp,
                        branch,
                        head,
                        request.push() ? remote : Optional.empty(),
                        checks);
        ReleaseTransaction.Outcome done =
                transaction.run(plan, new OpenPgpTagSigner(key, timestamp));
        progress.accept(
                "commit: "
                        + done.commit().abbreviate(10).name()
                        + " on "
                        + branch
                        + " (was "
                        + done.previousCommit().abbreviate(10).name()
                        + ")");
        progress.accept("tag: " + tagName + " (annotated, signed by " + signer + ")");
        if (done.pushed()) {
            progress.accept(
                    "push: "
                            + branch
                            + " and "
                            + tagName
                            + " to "
                            + request.remote()
                            + " (atomic)");
        } else {
            progress.accept(
                    "push: skipped (--no-push); run 'starttls-list publish' to push this release");
        }
        return new Outcome(
                list,
                changes,
                signer,
                tagName,
                done.commit(),
                done.previousCommit(),
                branch,
                done.pushed() ? Optional.of(request.remote()) : Optional.empty());
    }

    private static Optional<GitRemote> remote(Git git, Request request) {
        if (request.push()) {
            return Optional.of(GitRemote.named(git, request.remote(), request.timeout()));
        }
        try {
            return Optional.of(GitRemote.named(git, request.remote(), request.timeout()));
        } catch (RemoteNotConfiguredException e) {
            return Optional.empty();
        }
    }

    static String counts(PolicyList list) {
        return list.policies().size()
                + " domains ("
                + list.count(Mode.ENFORCE)
                + " enforce, "
                + list.count(Mode.TESTING)
                + " testing)";
    }

    /**
     * @param removals the loud lines for domains removed with a removal record (lifecycle)
     */
    static String commitMessage(
            PolicyList list, ListChanges changes, Optional<String> removals, String signer) {
        StringBuilder message = new StringBuilder();
        message.append("Release list ").append(ListTimes.format(list.timestamp())).append("\n\n");
        message.append(counts(list))
                .append(", expires ")
                .append(ListTimes.format(list.expires()))
                .append("\n\n");
        removals.ifPresent(message::append);
        for (String line : changes.lines()) {
            message.append(line).append('\n');
        }
        message.append("\nSigned-by-key: ").append(signer).append('\n');
        return message.toString();
    }

    static String tagMessage(PolicyList list, String signer) {
        return "starttls-list release "
                + ListTimes.format(list.timestamp())
                + "\n\n"
                + counts(list)
                + ", expires "
                + ListTimes.format(list.expires())
                + "\n"
                + "release/policy.json signed by "
                + signer
                + "\n";
    }
}
