package org.starttlslist.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/**
 * The list sources that differ between a commit and the working tree, read with JGit: changed,
 * added (tracked or not) and deleted files under {@code policies/} and {@code release/config.json}.
 *
 * <p>This is the only class of the validator that touches JGit, and only {@code --changed-since}
 * uses it, so a plain {@code validate} never loads JGit (or the BouncyCastle classes it pulls in).
 * Its signatures use JDK types only, so that loading its callers does not load JGit either.
 */
public final class ChangedFiles {
    private ChangedFiles() {}

    /** Repository-relative paths ('/'-separated) of the sources that differ from {@code ref}'s tree. */
    public static Set<String> since(ListRepository list, String ref) {
        Path root = list.root();
        try (Repository git = new FileRepositoryBuilder().findGitDir(root.toFile()).setMustExist(true).build()) {
            if (git.isBare() || git.getWorkTree() == null) {
                throw new CouldNotCompleteException(root + " is not in a git working tree; --changed-since needs one");
            }
            Path workTree = git.getWorkTree().toPath().toAbsolutePath().normalize();
            String prefix = workTree.relativize(root).toString().replace('\\', '/');
            String base = prefix.isEmpty() ? "" : prefix + "/";
            ObjectId commit = resolve(git, ref);
            Set<String> changed = new TreeSet<>();
            try (RevWalk revisions = new RevWalk(git); TreeWalk walk = new TreeWalk(git)) {
                walk.addTree(revisions.parseCommit(commit).getTree());
                int index = walk.addTree(new DirCacheIterator(git.readDirCache()));
                FileTreeIterator workingTree = new FileTreeIterator(git);
                int working = walk.addTree(workingTree);
                // With the index beside it, an unmodified file's id comes from the index (by its
                // stat data) instead of hashing it: time proportional to the change, not the list.
                workingTree.setDirCacheIterator(walk, index);
                walk.setRecursive(true);
                walk.setFilter(PathFilterGroup.createFromStrings(base + "policies", base + "release/config.json"));
                while (walk.next()) {
                    int before = walk.getRawMode(0);
                    int after = walk.getRawMode(working);
                    boolean differs = before == 0 || after == 0 || before != after
                            || FileMode.fromBits(after) == FileMode.GITLINK || !walk.idEqual(0, working);
                    if (differs && (before != 0 || after != 0)) {
                        changed.add(walk.getPathString().substring(base.length()));
                    }
                }
            }
            return changed;
        } catch (IllegalArgumentException e) {
            throw new CouldNotCompleteException(root + " is not in a git repository; --changed-since needs one", e);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read the git repository at " + root + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId resolve(Repository git, String ref) throws IOException {
        try {
            ObjectId id = git.resolve(ref + "^{commit}");
            if (id != null) {
                return id;
            }
        } catch (RevisionSyntaxException e) {
            // reported below, like an unknown name
        }
        throw new CouldNotCompleteException("--changed-since '" + ref + "' is not a commit in " + git.getWorkTree()
                + "; fetch it first (on GitHub: actions/checkout with fetch-depth: 0) or name another");
    }
}
