package org.starttlslist.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.UnsupportedSigningFormatException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.source.ListRepository;

/**
 * The git half of a release, all or nothing: commit the files, make the signed tag, push branch and
 * tag atomically.
 *
 * <ol>
 *   <li>Objects only: the files' exact bytes become blobs through an {@link ObjectInserter} (no
 *       clean filter, attribute or {@code core.autocrlf} touches them), the tree is the checked
 *       commit's tree with those blobs, then the commit and the signed tag objects. No ref, index
 *       or working-tree file changes yet.
 *   <li>{@link Checks#commitMade}: the caller verifies the commit as a mirror will read it.
 *   <li>Compare-and-swap: the release branch moves from the commit the preflight checked to the new
 *       one, only if HEAD is still that branch and the branch is still at that commit; then the tag
 *       ref is created, only if it does not exist.
 *   <li>{@link Checks#beforePush}, then one atomic push of branch and tag.
 *   <li>The index and the two files in the working tree follow the commit, with the same bytes.
 * </ol>
 *
 * <p>When step 3 or 4 fails, both refs are put back (compare-and-swap again), so a failed release
 * leaves no trace but unreferenced objects. The index and working tree are not touched before step
 * 5, so a failure or a kill up to the push leaves them as they were.
 *
 * <p>Everything git would otherwise take from the user's configuration is set here: author,
 * committer and tagger (the release identity at the release instant, in UTC), tag signing with our
 * own signer and an empty {@link GpgConfig}. No hook runs (the repository is opened through {@link
 * ListGit}, which has none).
 */
public final class ReleaseTransaction {
    /**
     * What to commit and tag.
     *
     * @param files repository-relative path ('/'-separated) to the exact bytes to commit
     * @param identity who commits and tags
     * @param instant the commit's and tag's time
     * @param branch the release branch, which HEAD must name
     * @param head the commit the preflight checked: the new commit's parent, and the branch's
     *     expected value for the compare-and-swap
     * @param remote where to push; empty to stop after the tag ({@code --no-push})
     * @param checks the caller's checks between the steps
     */
    public record Plan(
            Map<String, byte[]> files,
            String commitMessage,
            String tagName,
            String tagMessage,
            Identity identity,
            Instant instant,
            String branch,
            ObjectId head,
            Optional<GitRemote> remote,
            Checks checks) {
        public Plan {
            files = new LinkedHashMap<>(files);
            Objects.requireNonNull(commitMessage, "commitMessage");
            Objects.requireNonNull(tagName, "tagName");
            Objects.requireNonNull(tagMessage, "tagMessage");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(instant, "instant");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(checks, "checks");
        }
    }

    /** The caller's checks between the steps; each refuses by throwing. */
    public interface Checks {
        Checks NONE = new Checks() {};

        /** The commit and tag objects exist, no ref points at them yet. */
        default void commitMade(ObjectId commit) {}

        /** The local refs point at the release; the push comes next. */
        default void beforePush() {}
    }

    /** The release as made: its commit and its tag, and whether they were pushed. */
    public record Outcome(
            ObjectId commit,
            ObjectId previousCommit,
            String tagName,
            ObjectId tag,
            boolean pushed) {}

    /** A name and e-mail address, never read from the environment or git config. */
    public record Identity(String name, String email) {
        public Identity {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }

        PersonIdent at(Instant instant) {
            return new PersonIdent(name, email, instant, ZoneOffset.UTC);
        }
    }

    private final Git git;
    private final ListRepository list;

    public ReleaseTransaction(Git git, ListRepository list) {
        this.git = git;
        this.list = list;
    }

    /** Refuses when {@code tagName} exists locally; the remote is checked by the atomic push. */
    public void requireNewTag(String tagName) {
        try {
            if (git.getRepository().exactRef(Constants.R_TAGS + tagName) != null) {
                throw new TagExistsException(tagName);
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read tag " + tagName + ": " + e.getMessage(), e);
        }
    }

    public Outcome run(Plan plan, OpenPgpTagSigner signer) {
        requireNewTag(plan.tagName());
        Repository repository = git.getRepository();

        // 1. Objects only.
        Map<String, ObjectId> blobs = new LinkedHashMap<>();
        ObjectId commit;
        ObjectId tag;
        try {
            commit = insertCommit(plan, blobs);
            tag = insertTag(plan, commit, signer);
        } catch (IOException
                | CanceledException
                | UnsupportedSigningFormatException
                | RuntimeException e) {
            if (e instanceof org.starttlslist.failure.RejectedException rejected) {
                throw rejected;
            }
            throw new ReleaseUndoneException(
                    plan.branch(), plan.head().abbreviate(10).name(), plan.tagName(), e);
        }

        // 2. The caller's check of the commit as it will be pushed.
        plan.checks().commitMade(commit);

        // 3. Compare-and-swap the branch, then create the tag.
        moveBranch(plan, commit);
        try {
            RefUpdate create = repository.updateRef(Constants.R_TAGS + plan.tagName());
            create.setExpectedOldObjectId(ObjectId.zeroId());
            create.setNewObjectId(tag);
            create.setRefLogMessage("release: tag " + plan.tagName(), false);
            RefUpdate.Result result = create.update();
            if (result != RefUpdate.Result.NEW) {
                throw new TagExistsException(plan.tagName());
            }
        } catch (IOException | RuntimeException e) {
            throw undone(plan, commit, false, e);
        }

        // 4. Re-check, then push.
        if (plan.remote().isPresent()) {
            try {
                plan.checks().beforePush();
                plan.remote()
                        .get()
                        .pushAtomically(
                                List.of(
                                        Constants.R_HEADS + plan.branch(),
                                        Constants.R_TAGS + plan.tagName()));
            } catch (RemoteTimedOutException e) {
                // The remote may have taken the push: keep the local release, so that publish can
                // push it again (or find it already there), rather than undo what may be published.
                syncWorkingTree(plan, blobs, commit);
                throw e;
            } catch (RuntimeException e) {
                throw undone(plan, commit, true, e);
            }
        }

        // 5. Index and working tree follow.
        syncWorkingTree(plan, blobs, commit);
        return new Outcome(commit, plan.head(), plan.tagName(), tag, plan.remote().isPresent());
    }

    private ObjectId insertCommit(Plan plan, Map<String, ObjectId> blobs) throws IOException {
        Repository repository = git.getRepository();
        try (ObjectInserter inserter = repository.newObjectInserter();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit parent = walk.parseCommit(plan.head());
            DirCache tree = DirCache.newInCore();
            DirCacheBuilder builder = tree.builder();
            builder.addTree(
                    new byte[0], DirCacheEntry.STAGE_0, walk.getObjectReader(), parent.getTree());
            builder.finish();
            DirCacheEditor editor = tree.editor();
            for (Map.Entry<String, byte[]> file : plan.files().entrySet()) {
                requireNoFileAbove(walk, parent, file.getKey());
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
                blobs.put(file.getKey(), blob);
                editor.add(
                        new DirCacheEditor.PathEdit(file.getKey()) {
                            @Override
                            public void apply(DirCacheEntry entry) {
                                entry.setFileMode(FileMode.REGULAR_FILE);
                                entry.setObjectId(blob);
                            }
                        });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            commit.setParentId(parent);
            PersonIdent who = plan.identity().at(plan.instant());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setEncoding(StandardCharsets.UTF_8);
            commit.setMessage(plan.commitMessage());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    /** A path whose parent directory is a file in the tree would make a tree git refuses. */
    private void requireNoFileAbove(RevWalk walk, RevCommit parent, String path)
            throws IOException {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String above = path.substring(0, slash);
            try (org.eclipse.jgit.treewalk.TreeWalk found =
                    org.eclipse.jgit.treewalk.TreeWalk.forPath(
                            walk.getObjectReader(), above, parent.getTree())) {
                if (found != null && found.getFileMode(0) != FileMode.TREE) {
                    throw new IOException(
                            "cannot write "
                                    + path
                                    + ": "
                                    + above
                                    + " is a file in commit "
                                    + parent.abbreviate(10).name());
                }
            }
        }
    }

    private ObjectId insertTag(Plan plan, ObjectId commit, OpenPgpTagSigner signer)
            throws IOException, CanceledException, UnsupportedSigningFormatException {
        Repository repository = git.getRepository();
        PersonIdent who = plan.identity().at(plan.instant());
        TagBuilder tag = new TagBuilder();
        tag.setObjectId(commit, Constants.OBJ_COMMIT);
        tag.setTag(plan.tagName());
        tag.setTagger(who);
        tag.setMessage(plan.tagMessage());
        signer.signObject(repository, explicitGpgConfig(), tag, who, signer.keyId(), null);
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            return id;
        }
    }

    /**
     * Moves the release branch to {@code commit}, only if HEAD still names it and it still points
     * at the checked commit: a checkout or a commit during the release refuses it.
     */
    private void moveBranch(Plan plan, ObjectId commit) {
        Repository repository = git.getRepository();
        String ref = Constants.R_HEADS + plan.branch();
        try {
            String head = repository.getFullBranch();
            if (!ref.equals(head)) {
                throw new BranchMovedException(
                        plan.branch(), plan.head(), "HEAD is " + describe(head));
            }
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(plan.head());
            update.setNewObjectId(commit);
            update.setRefLogMessage("release: " + plan.tagName(), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD) {
                Ref now = repository.exactRef(ref);
                throw new BranchMovedException(
                        plan.branch(),
                        plan.head(),
                        plan.branch()
                                + " is at "
                                + (now == null || now.getObjectId() == null
                                        ? "nothing"
                                        : now.getObjectId().abbreviate(10).name())
                                + " ("
                                + result
                                + ")");
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot update " + ref + ": " + e.getMessage() + "; nothing was committed", e);
        }
    }

    private static String describe(String fullBranch) {
        if (fullBranch == null) {
            return "unknown";
        }
        return fullBranch.startsWith(Constants.R_HEADS)
                ? fullBranch.substring(Constants.R_HEADS.length())
                : "detached at " + fullBranch.substring(0, Math.min(10, fullBranch.length()));
    }

    /** Puts the branch (and the tag, when made) back, and says so; or says how to, by hand. */
    private RuntimeException undone(Plan plan, ObjectId commit, boolean tagged, Exception failure) {
        Repository repository = git.getRepository();
        List<String> problems = new ArrayList<>();
        try {
            RefUpdate back = repository.updateRef(Constants.R_HEADS + plan.branch());
            back.setExpectedOldObjectId(commit);
            back.setNewObjectId(plan.head());
            back.setForceUpdate(true);
            back.setRefLogMessage("release undone: " + plan.tagName(), false);
            RefUpdate.Result result = back.update();
            if (result != RefUpdate.Result.FORCED) {
                problems.add("moving " + plan.branch() + " back failed (" + result + ")");
            }
        } catch (IOException | RuntimeException e) {
            problems.add("moving " + plan.branch() + " back failed (" + e.getMessage() + ")");
        }
        if (tagged) {
            try {
                RefUpdate delete = repository.updateRef(Constants.R_TAGS + plan.tagName());
                delete.setForceUpdate(true);
                RefUpdate.Result result = delete.delete();
                if (result != RefUpdate.Result.FORCED) {
                    problems.add("deleting tag " + plan.tagName() + " failed (" + result + ")");
                }
            } catch (IOException | RuntimeException e) {
                problems.add("deleting tag " + plan.tagName() + " failed (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            return new CouldNotCompleteException(
                    failure.getMessage()
                            + "; undoing the release failed too: "
                            + String.join(", ", problems)
                            + "; restore by hand with: git update-ref refs/heads/"
                            + plan.branch()
                            + " "
                            + plan.head().name()
                            + " && git tag -d "
                            + plan.tagName(),
                    failure);
        }
        if (failure instanceof org.starttlslist.failure.RejectedException rejected
                && !(failure instanceof PushRejectedException)) {
            return rejected;
        }
        return new ReleaseUndoneException(
                plan.branch(), plan.head().abbreviate(10).name(), plan.tagName(), failure);
    }

    /**
     * Writes the committed bytes to the working tree and records them in the index, so the clone is
     * clean at the release commit. Only these paths change; the index is locked for this step
     * alone.
     */
    private void syncWorkingTree(Plan plan, Map<String, ObjectId> blobs, ObjectId commit) {
        Repository repository = git.getRepository();
        DirCache index;
        try {
            index = repository.lockDirCache();
        } catch (LockFailedException e) {
            throw new WorkingTreeNotUpdatedException(
                    plan, commit, "the index is locked (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new WorkingTreeNotUpdatedException(plan, commit, e.getMessage());
        }
        try {
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, byte[]> file : plan.files().entrySet()) {
                Path path = list.root().resolve(file.getKey());
                Files.createDirectories(path.getParent());
                AtomicFiles.write(path, file.getValue());
                Instant modified = Files.getLastModifiedTime(path).toInstant();
                long length = file.getValue().length;
                ObjectId blob = blobs.get(file.getKey());
                editor.add(
                        new DirCacheEditor.PathEdit(file.getKey()) {
                            @Override
                            public void apply(DirCacheEntry entry) {
                                entry.setFileMode(FileMode.REGULAR_FILE);
                                entry.setObjectId(blob);
                                entry.setLength(length);
                                entry.setLastModified(modified);
                                entry.setAssumeValid(false);
                            }
                        });
            }
            editor.finish();
            index.write();
            if (!index.commit()) {
                throw new IOException("the new index could not be put in place");
            }
        } catch (IOException | RuntimeException e) {
            throw new WorkingTreeNotUpdatedException(plan, commit, e.getMessage());
        } finally {
            index.unlock();
        }
    }

    /**
     * Only the format comes from here: JGit asks the signer, which ignores the rest. Built from an
     * empty config so that no {@code gpg.*} or {@code user.signingKey} setting of the user applies.
     */
    static GpgConfig explicitGpgConfig() {
        Config config = new Config();
        config.setString("gpg", null, "format", "openpgp");
        return new GpgConfig(config);
    }
}
