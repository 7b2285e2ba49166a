package org.starttlslist.release;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.verify.ListVerifier;

/**
 * Pushes a release prepared with {@code release --no-push}, with the same checks: on the release
 * branch, clean, not behind the remote; the committed pair passes verify against the pinned keys
 * and is newer than the remote's; its tag exists and points at HEAD. Then branch and tag go in one
 * atomic push, each ref's status checked. Nothing local changes, so there is nothing to roll back.
 */
public final class Publish {
    /** What was pushed. */
    public record Outcome(PolicyList list, String tagName, ObjectId commit, String branch, String remote, List<String> signers) {}

    private Publish() {}

    public static Outcome run(ListRepository repository, Instant now, String remoteName, Consumer<String> progress) {
        ListSettings settings = ReleaseSettings.read(repository, now);
        try (Git git = ListGit.open(repository)) {
            GitPreflight preflight = new GitPreflight(git);
            String branch = settings.releaseBranch();
            ObjectId head = preflight.requireOnBranch(branch);
            preflight.requireClean();
            GitRemote remote = GitRemote.named(git, remoteName);
            Optional<ObjectId> remoteHead = remote.fetchBranch(branch);
            preflight.requireNotBehind(remote, branch, head);
            progress.accept("preflight: on " + branch + ", working tree clean, up to date with " + remoteName + "/" + branch);

            PublishedPair pair = PublishedPair.inWorkingTree(repository)
                    .orElseThrow(() -> new NothingToPublishException("there is no release/policy.json"));
            Optional<byte[]> previous = remoteHead.flatMap(id -> PublishedPair.inCommit(git.getRepository(), id))
                    .map(PublishedPair::list);
            // Verify first, and take the list from the verifier: unsigned bytes never reach a parser.
            ListVerifier.Verified verified;
            try {
                ListVerifier.Options options = ListVerifier.Options.of(PinnedKeyFiles.files(repository), now);
                verified = ListVerifier.verify(pair.list(), pair.signature(),
                        previous.isPresent() ? options.withPrevious(previous.get()) : options);
            } catch (RejectedException e) {
                throw new SelfVerifyFailedException(e, "nothing was pushed");
            }
            PolicyList list = verified.list();
            String tagName = Release.tagName(list.timestamp());
            requireTagAt(git, tagName, head);
            progress.accept("verify: release/policy.json passes verify with release/keys/ (signed by "
                    + String.join(", ", verified.signerFingerprints()) + "), tag " + tagName + " is at HEAD");

            remote.pushAtomically(List.of(Constants.R_HEADS + branch, Constants.R_TAGS + tagName));
            progress.accept("push: " + branch + " and " + tagName + " to " + remoteName + " (atomic)");
            return new Outcome(list, tagName, head, branch, remoteName, verified.signerFingerprints());
        }
    }

    private static void requireTagAt(Git git, String tagName, ObjectId head) {
        try {
            Ref tag = git.getRepository().exactRef(Constants.R_TAGS + tagName);
            if (tag == null) {
                throw new NothingToPublishException("the release tag " + tagName + " of release/policy.json does not exist");
            }
            Ref peeled = git.getRepository().getRefDatabase().peel(tag);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
            if (peeled.getPeeledObjectId() == null) {
                throw new NothingToPublishException("tag " + tagName + " is not an annotated, signed release tag");
            }
            if (!target.equals(head)) {
                throw new NothingToPublishException("tag " + tagName + " points at " + target.abbreviate(10).name()
                        + ", not at HEAD " + head.abbreviate(10).name());
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read tag " + tagName + ": " + e.getMessage(), e);
        }
    }
}
