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
import org.starttlslist.verify.PinnedKeysUnusableException;

/**
 * The state of the published list, as {@code status} shows it: when it was made, when it expires,
 * how long is left, and who signed it. A list with less than the configured minimum validity left
 * is due for a release; maintainers are told before mirrors stop accepting it.
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

    public enum State {
        OK,
        DUE,
        EXPIRED
    }

    public Duration left() {
        return Duration.between(now, list.expires());
    }

    public State state() {
        if (!now.isBefore(list.expires())) {
            return State.EXPIRED;
        }
        return left().compareTo(minimumValidity) < 0 ? State.DUE : State.OK;
    }

    /**
     * The list committed at HEAD, or on {@code remote}'s release branch, verified with the keys
     * pinned in HEAD's {@code release/keys/}. Read from git's objects alone: the working tree, its
     * line-ending conversion and the index play no part.
     */
    public static ListStatus read(
            ListRepository repository, Instant now, Optional<String> remoteName, Duration timeout) {
        try (Git git = ListGit.open(repository)) {
            CommittedTree local =
                    CommittedTree.of(
                            git.getRepository(), new GitPreflight(git).requireHeadCommit());
            try (CommittedTree.Snapshot snapshot = local.snapshot("release")) {
                ListSettings settings = ReleaseSettings.read(snapshot.repository(), now);
                PublishedPair pair;
                String where;
                if (remoteName.isPresent()) {
                    GitRemote remote = GitRemote.named(git, remoteName.get(), timeout);
                    String branch = settings.releaseBranch();
                    ObjectId head =
                            remote.fetchBranch(branch)
                                    .orElseThrow(
                                            () ->
                                                    new NoPublishedListException(
                                                            remoteName,
                                                            remoteName.get()
                                                                    + " has no branch '"
                                                                    + branch
                                                                    + "'"));
                    where = remoteName.get() + "/" + branch + ":" + PublishedPair.LIST_PATH;
                    pair =
                            CommittedTree.of(git.getRepository(), head)
                                    .publishedPair()
                                    .orElseThrow(
                                            () ->
                                                    new NoPublishedListException(
                                                            remoteName,
                                                            "there is no "
                                                                    + PublishedPair.LIST_PATH
                                                                    + " on "
                                                                    + remoteName.get()
                                                                    + "/"
                                                                    + branch));
                } else {
                    where =
                            PublishedPair.LIST_PATH
                                    + " (committed at HEAD "
                                    + local.commit().abbreviate(10).name()
                                    + ")";
                    pair =
                            local.publishedPair()
                                    .orElseThrow(
                                            () ->
                                                    new NoPublishedListException(
                                                            Optional.empty(),
                                                            "there is no "
                                                                    + PublishedPair.LIST_PATH));
                }
                PolicyList list = PolicyListParser.parse(pair.list());
                List<String> signers = SignatureIssuers.of(pair.signature());
                boolean verified;
                String verification;
                // An expired list is reported as expired, not as a bad signature: its signature is
                // then
                // checked as of its own timestamp.
                Instant checkedAt = now.isBefore(list.expires()) ? now : list.timestamp();
                try {
                    ListVerifier.Verified result =
                            ListVerifier.verify(
                                    pair.list(),
                                    pair.signature(),
                                    ListVerifier.Options.of(
                                            ReleaseKeys.load(snapshot.repository()), checkedAt));
                    verified = true;
                    verification =
                            "verified with release/keys/ ("
                                    + String.join(", ", result.signerFingerprints())
                                    + ")";
                } catch (RejectedException | PinnedKeysUnusableException e) {
                    verified = false;
                    verification = "does not verify: " + e.getMessage();
                }
                return new ListStatus(
                        where,
                        list,
                        now,
                        settings.minimumValidity(),
                        signers,
                        verified,
                        verification);
            }
        }
    }

    public static ListStatus read(
            ListRepository repository, Instant now, Optional<String> remoteName) {
        return read(repository, now, remoteName, GitRemote.DEFAULT_TIMEOUT);
    }
}
