package org.starttlslist.release;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.remote.RemoteAccess;

/** The one remote a release is checked against and pushed to, by its configured name. */
public final class GitRemote {
    private final Git git;
    private final String name;
    private final RemoteAccess access;

    private GitRemote(Git git, String name) {
        this.git = git;
        this.name = name;
        this.access = RemoteAccess.forRepository(git.getRepository());
    }

    /** The remote called {@code name} in the clone's configuration. */
    public static GitRemote named(Git git, String name) {
        try {
            RemoteConfig config = new RemoteConfig(git.getRepository().getConfig(), name);
            if (config.getURIs().isEmpty()) {
                throw new RemoteNotConfiguredException(name);
            }
        } catch (URISyntaxException e) {
            throw new CouldNotCompleteException("the URL of git remote '" + name + "' is invalid: " + e.getMessage(), e);
        }
        return new GitRemote(git, name);
    }

    public String name() {
        return name;
    }

    /**
     * Fetches the remote's {@code branch} into {@code refs/remotes/NAME/BRANCH} (no tags) and
     * returns its commit; empty when the remote has no such branch yet.
     */
    public Optional<ObjectId> fetchBranch(String branch) {
        String tracking = "refs/remotes/" + name + "/" + branch;
        FetchResult result;
        try {
            // JGit refuses to fetch a ref the remote lacks; a remote without the branch is a first release.
            boolean hasBranch = access.configure(git.lsRemote().setRemote(name).setHeads(true)).call().stream()
                    .anyMatch(ref -> ref.getName().equals("refs/heads/" + branch));
            if (!hasBranch) {
                return Optional.empty();
            }
            result = access.configure(git.fetch())
                    .setRemote(name)
                    .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + tracking))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(false)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw access.failure(name, "fetch from", e).map(RuntimeException.class::cast)
                    .orElseGet(() -> new RemoteUnreachableException(name, "fetch from", e));
        }
        Ref advertised = result.getAdvertisedRef("refs/heads/" + branch);
        return Optional.ofNullable(advertised).map(Ref::getObjectId);
    }

    /**
     * Pushes {@code refs} (each {@code refs/...} to the same name on the remote) atomically: the
     * remote takes all or none. JGit does not throw when the remote refuses a ref, so every ref's
     * status is checked; anything but OK or already up to date is a refusal.
     */
    public void pushAtomically(List<String> refs) {
        List<RefSpec> specs = refs.stream().map(ref -> new RefSpec(ref + ":" + ref)).toList();
        Iterable<PushResult> results;
        try {
            results = access.configure(git.push())
                    .setRemote(name)
                    .setRefSpecs(specs)
                    .setAtomic(true)
                    .setForce(false)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw access.failure(name, "push to", e).map(RuntimeException.class::cast)
                    .orElseGet(() -> new RemoteUnreachableException(name, "push to", e));
        }
        List<String> refusals = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                answered.add(update.getRemoteName());
                switch (update.getStatus()) {
                    case OK, UP_TO_DATE -> { }
                    default -> refusals.add(update.getRemoteName() + ": " + describe(update));
                }
            }
        }
        for (String ref : refs) {
            if (!answered.contains(ref)) {
                refusals.add(ref + ": the remote did not report on it");
            }
        }
        if (!refusals.isEmpty()) {
            throw new PushRejectedException(name, refusals);
        }
    }

    private static String describe(RemoteRefUpdate update) {
        boolean tag = update.getRemoteName().startsWith(org.eclipse.jgit.lib.Constants.R_TAGS);
        String status = switch (update.getStatus()) {
            case REJECTED_NONFASTFORWARD -> tag
                    ? "rejected, the remote already has this tag (tags are never moved)"
                    : "rejected, the remote has commits this clone lacks (non-fast-forward)";
            case REJECTED_REMOTE_CHANGED -> "rejected, the remote changed during the push";
            case REJECTED_NODELETE -> "rejected, the remote does not allow deleting";
            case REJECTED_OTHER_REASON -> "rejected";
            case NOT_ATTEMPTED -> "not attempted (another ref of the atomic push was refused)";
            case NON_EXISTING -> "does not exist";
            case AWAITING_REPORT -> "no report from the remote";
            default -> update.getStatus().toString();
        };
        return update.getMessage() == null ? status : status + " (" + update.getMessage() + ")";
    }

    /** Whether {@code ancestor} is reachable from {@code descendant}. */
    static boolean isAncestor(Git git, ObjectId ancestor, ObjectId descendant) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(git.getRepository())) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot compare commits " + ancestor.name() + " and " + descendant.name() + ": " + e.getMessage(), e);
        }
    }
}
