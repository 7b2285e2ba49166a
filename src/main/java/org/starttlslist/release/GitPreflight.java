package org.starttlslist.release;

import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * The git checks before a release or a publish: right branch, nothing uncommitted, not behind the
 * remote. Each refusal is its own exception, thrown before anything is written.
 */
public final class GitPreflight {
    private final Git git;

    public GitPreflight(Git git) {
        this.git = git;
    }

    /** The commit {@code releaseBranch} points at; refuses when it is not the checked-out branch. */
    public ObjectId requireOnBranch(String releaseBranch) {
        try {
            String current = git.getRepository().getBranch();
            String full = git.getRepository().getFullBranch();
            if (full == null || !full.equals("refs/heads/" + releaseBranch)) {
                throw new NotOnReleaseBranchException(releaseBranch,
                        full != null && full.startsWith("refs/heads/") ? current : "(detached HEAD at " + current + ")");
            }
            ObjectId head = git.getRepository().resolve("refs/heads/" + releaseBranch);
            if (head == null) {
                throw new NotOnReleaseBranchException(releaseBranch, releaseBranch + " (no commits yet)");
            }
            return head;
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses when a tracked file differs from the commit, or an untracked file sits where the list
     * is made from ({@code policies/}, {@code release/}). Other untracked files (build output,
     * editor files) cannot change the release, so they are allowed.
     */
    public void requireClean() {
        Status status;
        try {
            status = git.status().call();
        } catch (GitAPIException | RuntimeException e) {
            throw new CouldNotCompleteException("cannot read the working tree's status: " + e.getMessage(), e);
        }
        TreeSet<String> dirty = new TreeSet<>();
        dirty.addAll(status.getAdded());
        dirty.addAll(status.getChanged());
        dirty.addAll(status.getRemoved());
        dirty.addAll(status.getMissing());
        dirty.addAll(status.getModified());
        dirty.addAll(status.getConflicting());
        for (String path : status.getUntracked()) {
            if (path.startsWith("policies/") || path.startsWith("release/")) {
                dirty.add(path + " (untracked)");
            }
        }
        for (String folder : status.getUntrackedFolders()) {
            boolean listed = dirty.stream().anyMatch(path -> path.startsWith(folder + "/"));
            if (!listed && (folder.equals("policies") || folder.startsWith("policies/")
                    || folder.equals("release") || folder.startsWith("release/"))) {
                dirty.add(folder + "/ (untracked)");
            }
        }
        if (!dirty.isEmpty()) {
            throw new WorkingTreeNotCleanException(dirty.stream().toList());
        }
    }

    /**
     * Fetches the remote's {@code branch} and refuses when the local branch is behind it or has
     * diverged from it. Being ahead is fine: the push publishes those commits with the release.
     */
    public void requireNotBehind(GitRemote remote, String branch, ObjectId localHead) {
        Optional<ObjectId> remoteHead = remote.fetchBranch(branch);
        if (remoteHead.isEmpty() || remoteHead.get().equals(localHead)) {
            return;
        }
        if (GitRemote.isAncestor(git, remoteHead.get(), localHead)) {
            return;
        }
        if (GitRemote.isAncestor(git, localHead, remoteHead.get())) {
            throw new BranchBehindRemoteException(branch, remote.name());
        }
        throw new BranchDivergedException(branch, remote.name());
    }
}
