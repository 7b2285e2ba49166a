package org.starttlslist.release;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import org.starttlslist.verify.PinnedKeysUnusableException;

/**
 * The check of a release as a mirror will see it: the blobs of {@code release/policy.json} and its
 * signature in the commit, the keys pinned in that same commit's {@code release/keys/} (loaded once
 * by the caller: a release commit carries the keys of the commit it was made from), the real time,
 * and the previous list as the rollback reference, at the configured signing threshold. Nothing of
 * the working tree or of the clone's configuration is read.
 */
final class CommittedPairCheck {
    private CommittedPairCheck() {}

    /**
     * @return the verified list, with the fingerprints of the keys that signed
     * @throws SelfVerifyFailedException when a mirror would refuse the pair
     */
    static ListVerifier.Verified verify(
            Repository repository,
            ObjectId commit,
            PinnedKeys pinned,
            int threshold,
            Optional<byte[]> previous,
            Instant at,
            String consequence) {
        CommittedTree tree = CommittedTree.of(repository, commit);
        PublishedPair pair =
                tree.publishedPair()
                        .orElseThrow(
                                () ->
                                        new NothingToPublishException(
                                                "commit "
                                                        + commit.abbreviate(10).name()
                                                        + " has no "
                                                        + PublishedPair.LIST_PATH));
        try {
            ListVerifier.Options options =
                    ListVerifier.Options.of(pinned, at).withThreshold(threshold);
            ListVerifier.Verified verified =
                    ListVerifier.verify(
                            pair.list(),
                            pair.signature(),
                            previous.isPresent() ? options.withPrevious(previous.get()) : options);
            return verified;
        } catch (RejectedException | PinnedKeysUnusableException e) {
            throw new SelfVerifyFailedException(e, consequence);
        }
    }
}
