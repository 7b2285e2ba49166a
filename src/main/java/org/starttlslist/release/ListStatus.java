package org.starttlslist.release;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.PolicyList;
import org.starttlslist.source.ListRepository;
import org.starttlslist.source.ListSettings;
import org.starttlslist.verify.ListVerifier;

/**
 * The state of the published list, as {@code status} shows it: when it was made, when it expires,
 * how long is left, and who signed it. A list with less than the configured minimum validity
 * left is due for a release; maintainers are told before mirrors stop accepting it.
 *
 * @param where where the list was read ("release/policy.json" or "origin/main:release/policy.json")
 * @param signers issuer fingerprints in the signature's packets, verified or not
 * @param verification "verified against release/keys/" or why it did not verify
 */
public record ListStatus(
        String where,
        PolicyList list,
        Instant now,
        Duration minimumValidity,
        List<String> signers,
        boolean verified,
        String verification) {

    public enum State { OK, DUE, EXPIRED }

    public Duration left() {
        return Duration.between(now, list.expires());
    }

    public State state() {
        if (!now.isBefore(list.expires())) {
            return State.EXPIRED;
        }
        return left().compareTo(minimumValidity) < 0 ? State.DUE : State.OK;
    }

    /** The list in the working tree's {@code release/}, or on {@code remote}'s release branch. */
    public static ListStatus read(ListRepository repository, Instant now, Optional<String> remoteName) {
        ListSettings settings = ReleaseSettings.read(repository, now);
        PublishedPair pair;
        String where;
        if (remoteName.isPresent()) {
            try (Git git = ListGit.open(repository)) {
                GitRemote remote = GitRemote.named(git, remoteName.get());
                String branch = settings.releaseBranch();
                ObjectId head = remote.fetchBranch(branch).orElseThrow(() -> new NoPublishedListException(
                        remoteName.get() + " has no branch '" + branch + "'"));
                where = remoteName.get() + "/" + branch + ":" + PublishedPair.LIST_PATH;
                pair = PublishedPair.inCommit(git.getRepository(), head)
                        .orElseThrow(() -> new NoPublishedListException("there is no " + PublishedPair.LIST_PATH
                                + " on " + remoteName.get() + "/" + branch));
            }
        } else {
            where = PublishedPair.LIST_PATH;
            pair = PublishedPair.inWorkingTree(repository)
                    .orElseThrow(() -> new NoPublishedListException("there is no " + PublishedPair.LIST_PATH));
        }
        PolicyList list = PolicyListParser.parse(pair.list());
        List<String> signers = SignatureIssuers.of(pair.signature());
        boolean verified;
        String verification;
        try {
            ListVerifier.Verified result = ListVerifier.verify(pair.list(), pair.signature(), ListVerifier.Options.of(
                    PinnedKeyFiles.files(repository), now));
            verified = true;
            verification = "verified with release/keys/ (" + String.join(", ", result.signerFingerprints()) + ")";
        } catch (RejectedException e) {
            verified = false;
            verification = "does not verify: " + e.getMessage();
        }
        return new ListStatus(where, list, now, settings.minimumValidity(), signers, verified, verification);
    }
}
