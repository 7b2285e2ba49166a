package org.starttlslist.validate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/**
 * The list sources that differ between a commit and the working tree, read with JGit: changed,
 * added (tracked or not) and deleted files under {@code policies/} and {@code release/config.json}.
 *
 * <p>Like {@code git status}, it compares three things: the commit's tree with the index (no file
 * is read), the index with the working tree by each file's type, size and modification time (one
 * lstat each; a file is hashed by nobody, it is simply validated), and the directory listings with
 * the index for untracked files. So its cost is a few lstat calls per source, not reading 100,000
 * files, and JGit's working-tree iterator (much slower per file) is not used.
 *
 * <p>This is the only class of the validator that touches JGit, and only {@code --changed-since}
 * uses it, so a plain {@code validate} never loads JGit (or the BouncyCastle classes it pulls in).
 * Its signatures use JDK types only, so that loading its callers does not load JGit either.
 */
public final class ChangedFiles {
    private ChangedFiles() {}

    /**
     * Repository-relative paths ('/'-separated) of the sources that differ from {@code ref}'s tree.
     */
    public static Set<String> since(ListRepository list, String ref) {
        Path root = list.root();
        try (Repository git =
                new FileRepositoryBuilder().findGitDir(root.toFile()).setMustExist(true).build()) {
            if (git.isBare() || git.getWorkTree() == null) {
                throw new CouldNotCompleteException(
                        root + " is not in a git working tree; --changed-since needs one");
            }
            Path workTree = git.getWorkTree().toPath().toAbsolutePath().normalize();
            String prefix = workTree.relativize(root).toString().replace('\\', '/');
            String base = prefix.isEmpty() ? "" : prefix + "/";
            ObjectId commit = resolve(git, ref);
            DirCache index = git.readDirCache();
            Set<String> changed = new TreeSet<>();
            committedOrStaged(git, commit, index, base, changed);
            Instant indexWritten =
                    Files.getLastModifiedTime(git.getIndexFile().toPath()).toInstant();
            changed.addAll(modifiedInWorkingTree(root, index, base, indexWritten));
            changed.addAll(untracked(root, index, base));
            return changed;
        } catch (IllegalArgumentException e) {
            throw new CouldNotCompleteException(
                    root + " is not in a git repository; --changed-since needs one", e);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read the git repository at " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sources whose index entry differs from {@code commit}'s tree: tree against index, no files
     * read.
     */
    private static void committedOrStaged(
            Repository git, ObjectId commit, DirCache index, String base, Set<String> changed)
            throws IOException {
        try (RevWalk revisions = new RevWalk(git);
                TreeWalk walk = new TreeWalk(git)) {
            walk.addTree(revisions.parseCommit(commit).getTree());
            walk.addTree(new DirCacheIterator(index));
            walk.setRecursive(true);
            walk.setFilter(
                    AndTreeFilter.create(
                            PathFilterGroup.createFromStrings(
                                    base + "policies", base + "release/config.json"),
                            TreeFilter.ANY_DIFF));
            while (walk.next()) {
                changed.add(walk.getPathString().substring(base.length()));
            }
        }
    }

    /**
     * Indexed sources whose file differs from its index entry by type, size or modification time
     * (what git status compares, one lstat each, in parallel). A racily clean entry (written in the
     * same instant as the index) counts as changed: checking a file twice costs nothing.
     */
    private static List<String> modifiedInWorkingTree(
            Path root, DirCache index, String base, Instant indexWritten) {
        List<DirCacheEntry> entries = new ArrayList<>();
        entries.addAll(Arrays.asList(index.getEntriesWithin(base + "policies")));
        DirCacheEntry config = index.getEntry(base + "release/config.json");
        if (config != null) {
            entries.add(config);
        }
        return entries.parallelStream()
                .filter(
                        entry ->
                                differs(
                                        root.resolve(
                                                entry.getPathString().substring(base.length())),
                                        entry,
                                        indexWritten))
                .map(entry -> entry.getPathString().substring(base.length()))
                .toList();
    }

    private static boolean differs(Path file, DirCacheEntry entry, Instant indexWritten) {
        if (entry.getStage() != DirCacheEntry.STAGE_0 || entry.isSmudged()) {
            return true;
        }
        BasicFileAttributes attributes;
        try {
            attributes =
                    Files.readAttributes(
                            file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return true; // deleted (or unreadable): let the validator decide
        }
        boolean link = FileMode.SYMLINK.equals(entry.getRawMode());
        if (attributes.isSymbolicLink() != link || (!link && !attributes.isRegularFile())) {
            return true;
        }
        Instant modified = attributes.lastModifiedTime().toInstant();
        return attributes.size() != entry.getLength()
                || !modified.equals(entry.getLastModifiedInstant())
                || !modified.isBefore(indexWritten);
    }

    /**
     * Entries of policies/, policies/aliases/ and release/config.json that the index does not know.
     */
    private static List<String> untracked(Path root, DirCache index, String base)
            throws IOException {
        List<String> result = new ArrayList<>();
        for (String directory : List.of("policies", "policies/aliases")) {
            Path dir = root.resolve(directory);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String relative = directory + "/" + entry.getFileName();
                    if (relative.equals("policies/aliases")) {
                        continue;
                    }
                    if (index.getEntry(base + relative) == null
                            && index.getEntriesWithin(base + relative).length == 0) {
                        result.add(relative);
                    }
                }
            }
        }
        if (Files.exists(root.resolve("release/config.json"), LinkOption.NOFOLLOW_LINKS)
                && index.getEntry(base + "release/config.json") == null) {
            result.add("release/config.json");
        }
        return result;
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
        throw new CouldNotCompleteException(
                "--changed-since '"
                        + ref
                        + "' is not a commit in "
                        + git.getWorkTree()
                        + "; fetch it first (on GitHub: actions/checkout with fetch-depth: 0) or name another");
    }
}
