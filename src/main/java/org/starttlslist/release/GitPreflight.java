package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
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

    /** The commit HEAD points at; refuses an unborn HEAD (a repository without commits). */
    public ObjectId requireHeadCommit() {
        try {
            ObjectId head = git.getRepository().resolve("HEAD^{commit}");
            if (head == null) {
                throw new NotOnReleaseBranchException(
                        "the release branch",
                        git.getRepository().getBranch() + " (no commits yet)");
            }
            return head;
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    /**
     * The commit {@code releaseBranch} points at; refuses when it is not the checked-out branch.
     */
    public ObjectId requireOnBranch(String releaseBranch) {
        try {
            String current = git.getRepository().getBranch();
            String full = git.getRepository().getFullBranch();
            if (full == null || !full.equals("refs/heads/" + releaseBranch)) {
                throw new NotOnReleaseBranchException(
                        releaseBranch,
                        full != null && full.startsWith("refs/heads/")
                                ? current
                                : "(detached HEAD at " + current + ")");
            }
            ObjectId head = git.getRepository().resolve("refs/heads/" + releaseBranch);
            if (head == null) {
                throw new NotOnReleaseBranchException(
                        releaseBranch, releaseBranch + " (no commits yet)");
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
            throw new CouldNotCompleteException(
                    "cannot read the working tree's status: " + e.getMessage(), e);
        }
        TreeSet<String> dirty = new TreeSet<>();
        dirty.addAll(status.getAdded());
        dirty.addAll(status.getChanged());
        dirty.addAll(status.getRemoved());
        dirty.addAll(status.getMissing());
        dirty.addAll(status.getModified());
        dirty.addAll(status.getConflicting());
        for (String path : status.getUntracked()) {
            if (isListPath(path)) {
                dirty.add(path + " (untracked)");
            }
        }
        for (String path : status.getIgnoredNotInIndex()) {
            if (isListPath(path)) {
                dirty.add(path + " (ignored by git, so it would not be released)");
            }
        }
        dirty.addAll(flaggedEntries());
        for (String folder : status.getUntrackedFolders()) {
            boolean listed = dirty.stream().anyMatch(path -> path.startsWith(folder + "/"));
            if (!listed
                    && (folder.equals("policies")
                            || folder.startsWith("policies/")
                            || folder.equals("release")
                            || folder.startsWith("release/"))) {
                dirty.add(folder + "/ (untracked)");
            }
        }
        if (!dirty.isEmpty()) {
            throw new WorkingTreeNotCleanException(dirty.stream().toList());
        }
    }

    /**
     * Refuses when {@code .git/index.lock} exists: a running git command, or the leftover of a
     * killed one. Checked first, so the user learns the one thing to fix instead of "uncommitted
     * changes".
     */
    public void requireNoIndexLock() {
        Path lock = git.getRepository().getDirectory().toPath().resolve("index.lock");
        if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            throw new IndexLockedException(lock);
        }
    }

    private static boolean isListPath(String path) {
        return path.equals("policies")
                || path.startsWith("policies/")
                || path.equals("release")
                || path.startsWith("release/");
    }

    /**
     * Index entries under {@code policies/} and {@code release/} marked {@code assume-unchanged} or
     * {@code skip-worktree}: git status does not show their edits, so the maintainer could believe
     * a hidden edit is being released. (The release is built from the commit either way.)
     */
    private List<String> flaggedEntries() {
        List<String> flagged = new ArrayList<>();
        try {
            DirCache index = DirCache.read(git.getRepository());
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry entry = index.getEntry(i);
                if (!isListPath(entry.getPathString())) {
                    continue;
                }
                if (entry.isAssumeValid()) {
                    flagged.add(
                            entry.getPathString()
                                    + " (marked assume-unchanged; git update-index --no-assume-unchanged "
                                    + entry.getPathString()
                                    + ")");
                } else if (entry.isSkipWorkTree()) {
                    flagged.add(
                            entry.getPathString()
                                    + " (marked skip-worktree; git update-index --no-skip-worktree "
                                    + entry.getPathString()
                                    + ")");
                }
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read the index: " + e.getMessage(), e);
        }
        return flagged;
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
