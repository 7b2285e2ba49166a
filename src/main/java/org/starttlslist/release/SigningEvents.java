package org.starttlslist.release;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.starttlslist.build.ListBuild;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.Fingerprint;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;
import org.starttlslist.signing.DetachedSignatures;
import org.starttlslist.signing.SigningKey;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.validate.InvalidSourcesException;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import org.starttlslist.verify.PinnedKeysUnusableException;

/**
 * Releases for a protected branch, signed by k of n maintainers: tuf-on-ci's "signing events".
 *
 * <ol>
 *   <li>{@link #propose}: build and sign the list as {@code release} does, and push it with the
 *       first signature to a new branch {@code sign/list-<timestamp>}; a pull request from there is
 *       opened by a person or a workflow.
 *   <li>{@link #cosign}: another maintainer fetches the branch, checks every signature on it
 *       against {@code release/keys/} and the list's remaining validity, appends a signature and
 *       pushes the branch (refused by the remote if someone else pushed meanwhile).
 *   <li>{@link #count}: CI on the pull request: "k of n signed", passing at the threshold.
 *   <li>{@link #publishTag}: after the merge, the signed {@code list-*} tag on the merged commit,
 *       which holds the same pair bytes however the merge was made.
 * </ol>
 *
 * None of these touches the working tree or the release branch: commits are written straight to the
 * object database and only {@code refs/heads/sign/*} or one new tag move, and are put back when the
 * push is refused.
 */
public final class SigningEvents {
    public static final String BRANCH_PREFIX = "sign/";

    /** A signing event's branch as it stands after this step. */
    public record Outcome(
            String branch,
            ObjectId commit,
            PolicyList list,
            List<String> signers,
            int threshold,
            int maintainers) {}

    /** The k-of-n count of a pair. */
    public record Count(
            PolicyList list,
            List<String> signed,
            List<String> missing,
            int threshold,
            int maintainers) {
        public boolean met() {
            return signed.size() >= threshold;
        }

        public String summary() {
            return signed.size()
                    + " of "
                    + maintainers
                    + " maintainers signed (threshold "
                    + threshold
                    + ")";
        }
    }

    private SigningEvents() {}

    /**
     * The branch of the list published at {@code timestamp}: {@code sign/list-20261128T120000Z}.
     */
    public static String branchName(Instant timestamp) {
        return BRANCH_PREFIX + Release.tagName(timestamp);
    }

    /** For the one-step {@code release}: refused when the list needs more than one signature. */
    public static void requireSingleSigner(ListRepository repository) {
        int threshold = SigningThreshold.read(repository);
        if (threshold > 1) {
            throw new SigningEventRefusedException(
                    "release/config.json sets \"threshold\": "
                            + threshold
                            + ", so one signature is not enough; run 'release --propose', then 'cosign' by other maintainers");
        }
    }

    /**
     * Step 1: build, sign, push the event branch. Preflight as {@code release}: the list is built
     * from the tree of the commit at HEAD (never the working tree), under the release lock, at an
     * instant near the real clock.
     */
    // "try": the lock is held for the whole try-with-resources block and never referenced in it, by
    // design.
    @SuppressWarnings("try")
    public static Outcome propose(Release.Request request, Consumer<String> progress) {
        ListRepository repository = request.repository();
        Instant timestamp = request.now().truncatedTo(ChronoUnit.SECONDS);
        ReleaseClock clock = new ReleaseClock(request.clock(), ListVerifier.DEFAULT_SKEW);
        clock.requireNear(timestamp, request.allowNowFarFromClock());
        int threshold = SigningThreshold.read(repository);
        try (Git git = ListGit.open(repository);
                ReleaseLock lock = ReleaseLock.acquire(git.getRepository())) {
            GitPreflight preflight = new GitPreflight(git);
            preflight.requireNoIndexLock();
            CommittedTree tree =
                    CommittedTree.of(git.getRepository(), preflight.requireHeadCommit());
            try (CommittedTree.Snapshot snapshot = tree.snapshot()) {
                ListBuild.Result build;
                try {
                    build = ListBuild.run(snapshot.repository(), timestamp);
                } catch (InvalidSourcesException e) {
                    throw new InvalidSourcesException(
                            e.report(), InvalidSourcesException.Step.RELEASE);
                }
                ListSettings settings = build.report().sources().orElseThrow().settings();
                ObjectId head = preflight.requireOnBranch(settings.releaseBranch());
                if (!head.equals(tree.commit())) {
                    throw new BranchMovedException(
                            settings.releaseBranch(),
                            tree.commit(),
                            "at " + head.abbreviate(10).name());
                }
                preflight.requireClean();
                GitRemote remote = GitRemote.named(git, request.remote(), request.timeout());
                preflight.requireNotBehind(remote, settings.releaseBranch(), head);
                progress.accept(
                        "preflight: on "
                                + settings.releaseBranch()
                                + " at "
                                + head.abbreviate(10).name()
                                + ", working tree clean, up to date with "
                                + remote.name()
                                + "/"
                                + settings.releaseBranch());

                Optional<PublishedPair> published = tree.publishedPair();
                if (published.isPresent()) {
                    Instant previous = PolicyListParser.parse(published.get().list()).timestamp();
                    if (!timestamp.isAfter(previous)) {
                        throw new TimestampNotNewerException(previous, timestamp);
                    }
                }
                PolicyList list = build.list();
                byte[] listBytes = build.bytes();
                clock.requireValidNow(list);
                progress.accept(
                        "build: "
                                + Release.counts(list)
                                + ", expires "
                                + ListTimes.format(list.expires())
                                + " (from commit "
                                + head.abbreviate(10).name()
                                + ")");
                return sign(
                        request,
                        progress,
                        git,
                        snapshot.repository(),
                        settings,
                        remote,
                        head,
                        published,
                        list,
                        listBytes,
                        timestamp,
                        threshold);
            }
        }
    }

    private static Outcome sign(
            Release.Request request,
            Consumer<String> progress,
            Git git,
            ListRepository repository,
            ListSettings settings,
            GitRemote remote,
            ObjectId head,
            Optional<PublishedPair> published,
            PolicyList list,
            byte[] listBytes,
            Instant timestamp,
            int threshold) {
        SigningKey key = request.key().get();
        PinnedKeys pinned = ReleaseKeys.load(repository);
        String signer = requireMaintainer(pinned, settings, key);
        byte[] signature = key.signDetached(listBytes, timestamp);
        List<String> signers =
                selfVerify(
                        pinned,
                        listBytes,
                        signature,
                        1,
                        request.now(),
                        published.map(PublishedPair::list));
        progress.accept(
                "sign: release/policy.json.asc by " + signer + " (1 of " + threshold + " needed)");

        String branch = branchName(timestamp);
        String message =
                "Propose list "
                        + ListTimes.format(timestamp)
                        + "\n\n"
                        + Release.counts(list)
                        + ", expires "
                        + ListTimes.format(list.expires())
                        + "\n\n"
                        + "Signed-by-key: "
                        + signer
                        + "\n";
        PersonIdent who =
                new PersonIdent(
                        request.identity().name(),
                        request.identity().email(),
                        timestamp,
                        java.time.ZoneOffset.UTC);
        ObjectId commit = commitPair(git.getRepository(), head, listBytes, signature, message, who);
        moveBranchAndPush(git, remote, branch, Optional.empty(), commit);
        progress.accept(
                "push: "
                        + branch
                        + " to "
                        + remote.name()
                        + " ("
                        + commit.abbreviate(10).name()
                        + ")");
        return new Outcome(
                branch, commit, list, signers, threshold, settings.maintainerFingerprints().size());
    }

    /** Step 2: verify what is on the event branch, append a signature, push. */
    public static Outcome cosign(
            ListRepository repository,
            Instant now,
            Supplier<SigningKey> keys,
            ReleaseTransaction.Identity identity,
            String remoteName,
            String branch,
            Consumer<String> progress) {
        if (!branch.startsWith(BRANCH_PREFIX) || !branch.matches("[A-Za-z0-9._/-]+")) {
            throw new SigningEventRefusedException(
                    "'"
                            + branch
                            + "' is not a signing event branch ("
                            + BRANCH_PREFIX
                            + "list-...)");
        }
        ListSettings settings = ReleaseSettings.read(repository, now);
        int threshold = SigningThreshold.read(repository);
        PinnedKeys pinned = ReleaseKeys.load(repository);
        try (Git git = ListGit.open(repository)) {
            GitRemote remote = GitRemote.named(git, remoteName);
            ObjectId eventHead =
                    remote.fetchBranch(branch)
                            .orElseThrow(
                                    () ->
                                            new SigningEventRefusedException(
                                                    remoteName
                                                            + " has no branch "
                                                            + branch
                                                            + "; was it merged or deleted?"));
            Optional<byte[]> published =
                    remote.fetchBranch(settings.releaseBranch())
                            .flatMap(
                                    id -> CommittedTree.of(git.getRepository(), id).publishedPair())
                            .map(PublishedPair::list);
            PublishedPair pair =
                    CommittedTree.of(git.getRepository(), eventHead)
                            .publishedPair()
                            .orElseThrow(
                                    () ->
                                            new SigningEventRefusedException(
                                                    branch + " holds no release/policy.json"));
            int already =
                    pair.signature().length == 0
                            ? 0
                            : DetachedSignatures.issuers(pair.signature()).size();
            if (already == 0) {
                throw new SigningEventRefusedException(
                        branch + " holds no release/policy.json.asc; propose again");
            }
            // Every signature already there must verify: a bad one is not quietly carried along.
            List<String> existing =
                    selfVerify(pinned, pair.list(), pair.signature(), already, now, published);
            PolicyList list = PolicyListParser.parse(pair.list());
            Duration left = Duration.between(now, list.expires());
            if (left.compareTo(settings.minimumValidity()) < 0) {
                throw new SigningEventRefusedException(
                        branch
                                + ": the list expires "
                                + ListTimes.format(list.expires())
                                + ", less than minimum-validity-days ("
                                + settings.minimumValidity().toDays()
                                + ") from now; propose a new list instead of signing this one");
            }
            progress.accept(
                    "verify: "
                            + branch
                            + " ("
                            + eventHead.abbreviate(10).name()
                            + ") signed by "
                            + String.join(", ", existing)
                            + "; expires "
                            + ListTimes.format(list.expires()));

            SigningKey key = keys.get();
            String signer = requireMaintainer(pinned, settings, key);
            byte[] combined =
                    DetachedSignatures.append(pair.signature(), key.signDetached(pair.list(), now));
            List<String> signers =
                    selfVerify(pinned, pair.list(), combined, already + 1, now, published);
            progress.accept(
                    "sign: appended the signature of "
                            + signer
                            + " ("
                            + signers.size()
                            + " of "
                            + threshold
                            + " needed)");

            Instant at = now.truncatedTo(ChronoUnit.SECONDS);
            PersonIdent who =
                    new PersonIdent(
                            identity.name(), identity.email(), at, java.time.ZoneOffset.UTC);
            ObjectId commit =
                    commitPair(
                            git.getRepository(),
                            eventHead,
                            pair.list(),
                            combined,
                            "Cosign list "
                                    + ListTimes.format(list.timestamp())
                                    + "\n\nSigned-by-key: "
                                    + signer
                                    + "\n",
                            who);
            ObjectId before = git.getRepository().resolve(Constants.R_HEADS + branch);
            moveBranchAndPush(git, remote, branch, Optional.ofNullable(before), commit);
            progress.accept(
                    "push: "
                            + branch
                            + " to "
                            + remoteName
                            + " ("
                            + commit.abbreviate(10).name()
                            + ")");
            return new Outcome(
                    branch,
                    commit,
                    list,
                    signers,
                    threshold,
                    settings.maintainerFingerprints().size());
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + branch + ": " + e.getMessage(), e);
        }
    }

    /** The committed pair at HEAD: what a merge would publish, whatever the working tree holds. */
    private static Optional<PublishedPair> headPair(ListRepository repository) {
        try (Git git = ListGit.open(repository)) {
            return CommittedTree.of(git.getRepository(), new GitPreflight(git).requireHeadCommit())
                    .publishedPair();
        }
    }

    /** Step 3: who of the maintainers signed the pair committed at HEAD. */
    public static Count count(ListRepository repository, Instant now) {
        ListSettings settings = ReleaseSettings.read(repository, now);
        int threshold = SigningThreshold.read(repository);
        PublishedPair pair =
                headPair(repository)
                        .orElseThrow(
                                () ->
                                        new SigningEventRefusedException(
                                                "there is no release/policy.json to count signatures on"));
        List<String> signed;
        try {
            signed =
                    ListVerifier.verify(
                                    pair.list(),
                                    pair.signature(),
                                    ListVerifier.Options.of(ReleaseKeys.load(repository), now))
                            .signerFingerprints();
        } catch (RejectedException | PinnedKeysUnusableException e) {
            throw new SigningEventRefusedException(
                    "0 of "
                            + settings.maintainerFingerprints().size()
                            + " maintainers signed (threshold "
                            + threshold
                            + "): "
                            + e.getMessage(),
                    e);
        }
        List<String> counted = signed.stream().filter(settings::isMaintainer).toList();
        List<String> missing =
                new ArrayList<>(
                        settings.maintainerFingerprints().stream().map(Fingerprint::hex).toList());
        missing.removeAll(counted);
        return new Count(
                PolicyListParser.parse(pair.list()),
                counted,
                missing,
                threshold,
                settings.maintainerFingerprints().size());
    }

    /** What {@link #publishTag} made. */
    public record Tagged(String tagName, ObjectId commit, List<String> signers) {}

    /** Step 4: after the merge, tag the merged commit and push the tag alone. */
    public static Tagged publishTag(
            ListRepository repository,
            Instant now,
            Supplier<SigningKey> keys,
            ReleaseTransaction.Identity identity,
            String remoteName,
            Consumer<String> progress) {
        ListSettings settings = ReleaseSettings.read(repository, now);
        int threshold = SigningThreshold.read(repository);
        PinnedKeys pinned = ReleaseKeys.load(repository);
        try (Git git = ListGit.open(repository)) {
            GitPreflight preflight = new GitPreflight(git);
            String branch = settings.releaseBranch();
            ObjectId head = preflight.requireOnBranch(branch);
            preflight.requireClean();
            GitRemote remote = GitRemote.named(git, remoteName);
            ObjectId remoteHead =
                    remote.fetchBranch(branch)
                            .orElseThrow(
                                    () ->
                                            new SigningEventRefusedException(
                                                    remoteName + " has no branch " + branch));
            if (!remoteHead.equals(head)) {
                throw new SigningEventRefusedException(
                        "HEAD "
                                + head.abbreviate(10).name()
                                + " is not "
                                + remoteName
                                + "/"
                                + branch
                                + " ("
                                + remoteHead.abbreviate(10).name()
                                + "); run git pull --ff-only, then publish --tag");
            }
            PublishedPair pair =
                    CommittedTree.of(git.getRepository(), head)
                            .publishedPair()
                            .orElseThrow(
                                    () ->
                                            new NothingToPublishException(
                                                    "there is no release/policy.json at HEAD"));
            List<String> signers =
                    selfVerify(
                            pinned,
                            pair.list(),
                            pair.signature(),
                            threshold,
                            now,
                            Optional.empty());
            PolicyList list = PolicyListParser.parse(pair.list());
            String tagName = Release.tagName(list.timestamp());
            new ReleaseTransaction(git, repository).requireNewTag(tagName);
            progress.accept(
                    "verify: release/policy.json at "
                            + head.abbreviate(10).name()
                            + " signed by "
                            + String.join(", ", signers)
                            + " (threshold "
                            + threshold
                            + ")");
            SigningKey key = keys.get();
            requireMaintainer(pinned, settings, key);
            Instant at = now.truncatedTo(ChronoUnit.SECONDS);
            PersonIdent who =
                    new PersonIdent(
                            identity.name(), identity.email(), at, java.time.ZoneOffset.UTC);
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                git.tag()
                        .setName(tagName)
                        .setObjectId(walk.parseCommit(head))
                        .setAnnotated(true)
                        .setMessage(Release.tagMessage(list, String.join(", ", signers)))
                        .setTagger(who)
                        .setSigned(true)
                        .setSigner(new OpenPgpTagSigner(key, at))
                        .setSigningKey(new OpenPgpTagSigner(key, at).keyId())
                        .setGpgConfig(ReleaseTransaction.explicitGpgConfig())
                        .setForceUpdate(false)
                        .call();
            }
            try {
                remote.pushAtomically(List.of(Constants.R_TAGS + tagName));
            } catch (RuntimeException e) {
                git.tagDelete().setTags(Constants.R_TAGS + tagName).call();
                throw e;
            }
            progress.accept("push: " + tagName + " to " + remoteName);
            return new Tagged(tagName, head, signers);
        } catch (IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new CouldNotCompleteException("cannot tag the release: " + e.getMessage(), e);
        }
    }

    private static String requireMaintainer(
            PinnedKeys pinned, ListSettings settings, SigningKey key) {
        String signer = key.primaryFingerprint();
        if (!settings.isMaintainer(signer)) {
            throw new SignerNotMaintainerException(
                    signer, "is not listed under \"maintainers\" in release/config.json");
        }
        if (!pinned.pinsPrimary(signer)) {
            throw new SignerNotMaintainerException(
                    signer, "has no public key in release/keys/, so mirrors could not verify it");
        }
        return signer;
    }

    /** Verifies as a mirror with {@code threshold} would; a refusal names what failed. */
    private static List<String> selfVerify(
            PinnedKeys pinned,
            byte[] list,
            byte[] signature,
            int threshold,
            Instant now,
            Optional<byte[]> previous) {
        try {
            ListVerifier.Options options =
                    ListVerifier.Options.of(pinned, now).withThreshold(threshold);
            return ListVerifier.verify(
                            list,
                            signature,
                            previous.isPresent() ? options.withPrevious(previous.get()) : options)
                    .signerFingerprints();
        } catch (RejectedException | PinnedKeysUnusableException e) {
            throw new SigningEventRefusedException(
                    "the signatures do not verify with release/keys/: "
                            + e.getMessage()
                            + "; nothing was committed or pushed",
                    e);
        }
    }

    /** A commit of {@code parent}'s tree with the pair replaced, written without a working tree. */
    private static ObjectId commitPair(
            Repository repository,
            ObjectId parent,
            byte[] list,
            byte[] signature,
            String message,
            PersonIdent who) {
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit parentCommit = walk.parseCommit(parent);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(
                    new byte[0],
                    DirCacheEntry.STAGE_0,
                    walk.getObjectReader(),
                    parentCommit.getTree());
            builder.finish();
            ObjectId listBlob = inserter.insert(Constants.OBJ_BLOB, list);
            ObjectId signatureBlob = inserter.insert(Constants.OBJ_BLOB, signature);
            DirCacheEditor editor = index.editor();
            editor.add(blob(PublishedPair.LIST_PATH, listBlob));
            editor.add(blob(PublishedPair.SIGNATURE_PATH, signatureBlob));
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parent);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot write the signing event's commit: " + e.getMessage(), e);
        }
    }

    private static DirCacheEditor.PathEdit blob(String path, ObjectId id) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(id);
            }
        };
    }

    /**
     * Points the local {@code refs/heads/BRANCH} at {@code commit} and pushes it; if the push
     * fails, the local ref goes back to {@code before} (or away), so a refusal changes no ref.
     */
    private static void moveBranchAndPush(
            Git git, GitRemote remote, String branch, Optional<ObjectId> before, ObjectId commit) {
        String ref = Constants.R_HEADS + branch;
        setRef(git.getRepository(), ref, Optional.of(commit));
        try {
            remote.pushAtomically(List.of(ref));
        } catch (RuntimeException e) {
            setRef(git.getRepository(), ref, before);
            throw e;
        }
    }

    private static void setRef(Repository repository, String ref, Optional<ObjectId> target) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setForceUpdate(true);
            RefUpdate.Result result;
            if (target.isPresent()) {
                update.setNewObjectId(target.get());
                update.setRefLogMessage("starttls-list signing event", false);
                result = update.update();
            } else {
                if (repository.exactRef(ref) == null) {
                    return;
                }
                result = update.delete();
            }
            switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
                default ->
                        throw new CouldNotCompleteException("cannot update " + ref + ": " + result);
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot update " + ref + ": " + e.getMessage(), e);
        }
    }
}
