package org.starttlslist.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/**
 * What one commit records of a list repository, read from git's object database alone. The working
 * tree, the index and its flags ({@code assume-unchanged}, {@code skip-worktree}), ignore files,
 * attributes, filters and {@code core.autocrlf} play no part: the bytes are the blobs' bytes.
 *
 * <p>The validator and the builder read a directory, so {@link #snapshot()} writes the commit's
 * {@code policies/} and {@code release/} into a private temporary directory outside the clone; what
 * a release builds and checks from there is exactly what the commit holds.
 */
final class CommittedTree {
    private static final String[] LIST_DIRECTORIES = {"policies", "release"};

    private final Repository repository;
    private final ObjectId commit;
    private final RevTree tree;

    private CommittedTree(Repository repository, ObjectId commit, RevTree tree) {
        this.repository = repository;
        this.commit = commit;
        this.tree = tree;
    }

    static CommittedTree of(Repository repository, ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            return new CommittedTree(repository, commit, walk.parseCommit(commit).getTree());
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    ObjectId commit() {
        return commit;
    }

    /** The exact bytes of {@code path} in the commit; empty when the commit has no such file. */
    Optional<byte[]> blob(String path) {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            requireRegularFile(path, walk.getFileMode(0));
            return Optional.of(repository.open(walk.getObjectId(0)).getBytes());
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + path + " in commit " + commit.name() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The published pair as committed; empty when the commit has no {@code release/policy.json}.
     */
    Optional<PublishedPair> publishedPair() {
        return blob(PublishedPair.LIST_PATH)
                .map(
                        list ->
                                new PublishedPair(
                                        list,
                                        blob(PublishedPair.SIGNATURE_PATH).orElse(new byte[0])));
    }

    /**
     * Writes the commit's {@code policies/} and {@code release/} into a new private directory.
     *
     * @throws CommittedLinkException when one of them holds a symbolic link or a submodule, which a
     *     release never follows
     */
    Snapshot snapshot() {
        return snapshot(LIST_DIRECTORIES);
    }

    /** As {@link #snapshot()}, for these directories of the commit only. */
    Snapshot snapshot(String... directories) {
        Path root;
        try {
            root =
                    Files.createTempDirectory(
                            "starttls-list-commit-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot create a temporary directory: " + e.getMessage(), e);
        }
        Snapshot snapshot = new Snapshot(new ListRepository(root), commit);
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathFilterGroup.createFromStrings(directories));
            while (walk.next()) {
                String path = walk.getPathString();
                requireRegularFile(path, walk.getFileMode(0));
                Path target = root.resolve(path);
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    repository.open(walk.getObjectId(0)).copyTo(out);
                }
            }
            return snapshot;
        } catch (IOException | RuntimeException e) {
            snapshot.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CouldNotCompleteException(
                    "cannot read the files of commit " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    private void requireRegularFile(String path, FileMode mode) {
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            return;
        }
        throw new CommittedLinkException(
                path,
                commit,
                mode == FileMode.SYMLINK
                        ? "a symbolic link"
                        : mode == FileMode.GITLINK ? "a submodule" : "not a file");
    }

    /** A commit's list files in a temporary directory, removed on {@link #close()}. */
    static final class Snapshot implements AutoCloseable {
        private final ListRepository repository;
        private final ObjectId commit;

        private Snapshot(ListRepository repository, ObjectId commit) {
            this.repository = repository;
            this.commit = commit;
        }

        /** The snapshot as a list repository: validate and build read it like a checkout. */
        ListRepository repository() {
            return repository;
        }

        ObjectId commit() {
            return commit;
        }

        @Override
        public void close() {
            try (Stream<Path> walk = Files.walk(repository.root())) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | UncheckedIOException e) {
                // A temporary directory we could not remove holds public data only; it must not
                // turn a finished release into a failure.
            }
        }
    }
}
