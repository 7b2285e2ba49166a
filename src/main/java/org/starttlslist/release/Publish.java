package org.starttlslist.release;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.model.Fingerprint;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;

/**
 * Pushes a release prepared with {@code release --no-push}, with the same checks, all on what is
 * committed (never the working tree):
 *
 * <ol>
 *   <li>Lock the clone; no leftover {@code .git/index.lock}; on the release branch, clean, not
 *       behind the remote.
 *   <li>HEAD's committed pair passes verify with the keys pinned in HEAD's {@code release/keys/},
 *       at {@code now} and at the real clock, newer than the remote's list.
 *   <li>Its tag exists, points at HEAD, and is an annotated tag signed by a maintainer whose key is
 *       pinned in HEAD.
 *   <li>Branch and tag go in one atomic push, each ref's status checked.
 * </ol>
 *
 * Nothing local changes, so there is nothing to undo.
 */
public final class Publish {
    /** What was pushed. */
    public record Outcome(
            PolicyList list,
            String tagName,
            ObjectId commit,
            String branch,
            String remote,
            List<String> signers) {}

    private Publish() {}

    // "try": the lock is held for the whole try-with-resources block and never referenced in it, by
    // design.
    @SuppressWarnings("try")
    public static Outcome run(
            ListRepository repository,
            Instant now,
            Instant clock,
            String remoteName,
            Duration timeout,
            Consumer<String> progress) {
        try (Git git = ListGit.open(repository);
                ReleaseLock lock = ReleaseLock.acquire(git.getRepository())) {
            GitPreflight preflight = new GitPreflight(git);
            preflight.requireNoIndexLock();
            CommittedTree tree =
                    CommittedTree.of(git.getRepository(), preflight.requireHeadCommit());
            ListSettings settings;
            int threshold;
            try (CommittedTree.Snapshot snapshot = tree.snapshot("release")) {
                settings = ReleaseSettings.read(snapshot.repository(), now);
                // What mirrors are told to require (mirror --threshold K): publish requires it too.
                threshold = SigningThreshold.read(snapshot.repository());
            }
            String branch = settings.releaseBranch();
            ObjectId head = preflight.requireOnBranch(branch);
            preflight.requireClean();
            GitRemote remote = GitRemote.named(git, remoteName, timeout);
            Optional<ObjectId> remoteHead = remote.fetchBranch(branch);
            preflight.requireNotBehind(remote, branch, head);
            progress.accept(
                    "preflight: on "
                            + branch
                            + " at "
                            + head.abbreviate(10).name()
                            + ", working tree clean, up to date with "
                            + remoteName
                            + "/"
                            + branch);

            CommittedTree committed = CommittedTree.of(git.getRepository(), head);
            if (committed.publishedPair().isEmpty()) {
                throw new NothingToPublishException(
                        "there is no release/policy.json in commit " + head.abbreviate(10).name());
            }
            Optional<byte[]> previous =
                    remoteHead
                            .flatMap(
                                    id -> CommittedTree.of(git.getRepository(), id).publishedPair())
                            .map(PublishedPair::list);
            // Verify first, and take the list from the verifier: unsigned bytes never reach a
            // parser.
            PinnedKeys pinned;
            try (CommittedTree.Snapshot keys = committed.snapshot("release/keys")) {
                pinned = ReleaseKeys.load(keys.repository());
            }
            ListVerifier.Verified verified =
                    CommittedPairCheck.verify(
                            git.getRepository(),
                            head,
                            pinned,
                            threshold,
                            previous,
                            now,
                            "nothing was pushed");
            if (!now.equals(clock)) {
                CommittedPairCheck.verify(
                        git.getRepository(),
                        head,
                        pinned,
                        threshold,
                        previous,
                        clock,
                        "nothing was pushed (checked at the real time)");
            }
            List<String> signers = verified.signerFingerprints();
            PolicyList list = verified.list();
            String tagName = Release.tagName(list.timestamp());
            String tagSigner = requireSignedTagAt(git, tagName, head, pinned, settings);
            progress.accept(
                    "verify: release/policy.json of "
                            + head.abbreviate(10).name()
                            + " passes verify with its release/keys/ (signed by "
                            + String.join(", ", signers)
                            + "), tag "
                            + tagName
                            + " is at HEAD, signed by "
                            + tagSigner);

            remote.pushAtomically(List.of(Constants.R_HEADS + branch, Constants.R_TAGS + tagName));
            progress.accept(
                    "push: " + branch + " and " + tagName + " to " + remoteName + " (atomic)");
            return new Outcome(list, tagName, head, branch, remoteName, signers);
        }
    }

    /**
     * As {@link #run(ListRepository, Instant, Instant, String, Duration, Consumer)} at the real
     * time {@code now}.
     */
    public static Outcome run(
            ListRepository repository, Instant now, String remoteName, Consumer<String> progress) {
        return run(repository, now, now, remoteName, GitRemote.DEFAULT_TIMEOUT, progress);
    }

    private static String requireSignedTagAt(
            Git git, String tagName, ObjectId head, PinnedKeys pinned, ListSettings settings) {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            Ref ref = git.getRepository().exactRef(Constants.R_TAGS + tagName);
            if (ref == null) {
                throw new NothingToPublishException(
                        "the release tag " + tagName + " of release/policy.json does not exist");
            }
            RevObject object = walk.parseAny(ref.getObjectId());
            if (!(object instanceof RevTag tag)) {
                throw new TagNotSignedException(
                        tagName, "it is a lightweight tag, not an annotated, signed one");
            }
            RevObject target = walk.peel(tag);
            if (!target.equals(head)) {
                throw new NothingToPublishException(
                        "tag "
                                + tagName
                                + " points at "
                                + target.abbreviate(10).name()
                                + ", not at HEAD "
                                + head.abbreviate(10).name());
            }
            byte[] raw = git.getRepository().open(tag.getId(), Constants.OBJ_TAG).getBytes();
            return SignedTagCheck.verify(
                    tagName,
                    raw,
                    pinned,
                    new HashSet<>(
                            settings.maintainerFingerprints().stream()
                                    .map(Fingerprint::hex)
                                    .toList()));
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read tag " + tagName + ": " + e.getMessage(), e);
        }
    }
}
