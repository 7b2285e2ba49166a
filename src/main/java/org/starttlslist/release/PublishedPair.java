package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/** The published {@code release/policy.json} and its detached signature, as bytes. */
public record PublishedPair(byte[] list, byte[] signature) {
    static final String LIST_PATH = "release/policy.json";
    static final String SIGNATURE_PATH = "release/policy.json.asc";

    /** The pair in the working tree; empty when there is no published list yet. */
    public static Optional<PublishedPair> inWorkingTree(ListRepository repository) {
        if (!Files.exists(repository.publishedList())) {
            return Optional.empty();
        }
        try {
            byte[] list = Files.readAllBytes(repository.publishedList());
            byte[] signature = Files.exists(repository.publishedSignature())
                    ? Files.readAllBytes(repository.publishedSignature())
                    : new byte[0];
            return Optional.of(new PublishedPair(list, signature));
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + repository.display(repository.publishedList()) + ": " + e.getMessage(), e);
        }
    }

    /** The pair as committed in {@code commit}; empty when that commit has no published list. */
    public static Optional<PublishedPair> inCommit(Repository repository, ObjectId commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            var tree = walk.parseCommit(commit).getTree();
            Optional<byte[]> list = read(repository, tree, LIST_PATH);
            if (list.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PublishedPair(list.get(), read(repository, tree, SIGNATURE_PATH).orElse(new byte[0])));
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + LIST_PATH + " in commit " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> read(Repository repository, org.eclipse.jgit.revwalk.RevTree tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            return Optional.of(repository.open(walk.getObjectId(0)).getBytes());
        }
    }
}
