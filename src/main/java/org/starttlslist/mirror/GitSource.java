package org.starttlslist.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.starttlslist.remote.RemoteAccess;

/**
 * The list repository itself: {@code release/policy.json} and its {@code .asc} at the newest
 * {@code list-<yyyyMMdd'T'HHmmss'Z'>} tag (the names {@code release} gives, which sort by time), or
 * at the tip of a branch when the URL ends in {@code #branch}.
 *
 * <p>Fetched with JGit, shallow (depth 1), into a bare cache repository under the mirror
 * directory; the two files are read from the commit's tree, never checked out.
 */
public final class GitSource implements ListSource {
    static final Pattern LIST_TAG = Pattern.compile("refs/tags/list-\\d{8}T\\d{6}Z");
    static final String LIST_PATH = "release/" + MirrorLayout.LIST;
    static final String SIGNATURE_PATH = "release/" + MirrorLayout.SIGNATURE;

    private final String url;
    private final Optional<String> branch;
    private final Path cache;
    private final Duration timeout;
    private final RemoteAccess access;

    public GitSource(String url, Optional<String> branch, Path cache, Duration timeout) {
        this.url = url;
        this.branch = branch;
        this.cache = cache;
        this.timeout = timeout;
        this.access = RemoteAccess.forUrl(Path.of("").toAbsolutePath());
    }

    @Override
    public String describe() {
        return url + branch.map(b -> "#" + b).orElse("");
    }

    @Override
    public ListPair fetch(FetchLimits limits) {
        try (Git git = Git.wrap(openCache())) {
            String remoteRef = branch.map(b -> Constants.R_HEADS + b).orElseGet(() -> newestListTag(git));
            String localRef = branch.map(b -> "refs/remotes/mirror/" + b).orElse(remoteRef);
            access.configure(git.fetch())
                    .setRemote(url)
                    .setRefSpecs(new RefSpec("+" + remoteRef + ":" + localRef))
                    .setDepth(1)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setTimeout((int) Math.max(1, timeout.toSeconds()))
                    .call();
            Repository repository = git.getRepository();
            ObjectId commitId = repository.resolve(localRef + "^{commit}");
            if (commitId == null) {
                throw new FetchFailedException(describe(), remoteRef + " was not fetched");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(commitId);
                String where = describe() + " at " + Repository.shortenRefName(remoteRef) + " (" + commit.abbreviate(12).name() + ")";
                byte[] list = blob(repository, commit, LIST_PATH, limits, where);
                byte[] signature = blob(repository, commit, SIGNATURE_PATH, limits, where);
                return new ListPair(list, signature, where);
            }
        } catch (GitAPIException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new FetchFailedException(describe(), "git: " + e.getMessage(), e);
        }
    }

    private String newestListTag(Git git) {
        Collection<Ref> refs;
        try {
            refs = access.configure(git.lsRemote().setRemote(url).setTags(true).setTimeout((int) Math.max(1, timeout.toSeconds()))).call();
        } catch (GitAPIException e) {
            throw failed(e);
        }
        return refs.stream()
                .map(Ref::getName)
                .filter(name -> LIST_TAG.matcher(name).matches())
                .max(String::compareTo)
                .orElseThrow(() -> new FetchFailedException(describe(),
                        "no list-<yyyyMMdd'T'HHmmss'Z'> tag; name a branch instead with " + url + "#BRANCH"));
    }

    private FetchFailedException failed(GitAPIException e) {
        return access.failure(url, "fetch from", e)
                .map(remote -> new FetchFailedException(describe(), remote.getMessage(), remote))
                .orElseGet(() -> new FetchFailedException(describe(), "git: " + e.getMessage(), e));
    }

    private Repository openCache() throws IOException {
        if (!Files.isDirectory(cache.resolve("objects"))) {
            Files.createDirectories(cache);
            try {
                Git.init().setBare(true).setDirectory(cache.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create the cache repository " + cache + ": " + e.getMessage(), e);
            }
        }
        return new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build();
    }

    private static byte[] blob(Repository repository, RevCommit commit, String path, FetchLimits limits, String where)
            throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(repository, path, commit.getTree())) {
            if (tree == null) {
                throw new FetchFailedException(where, path + " is not in the tree"
                        + (path.endsWith(".asc") ? "; a list is only mirrored with its signature" : ""));
            }
            ObjectLoader loader = repository.open(tree.getObjectId(0), Constants.OBJ_BLOB);
            limits.check(where + ": " + path, path, loader.getSize());
            return loader.getBytes();
        } catch (MissingObjectException e) {
            throw new FetchFailedException(where, path + " is missing from the fetched objects", e);
        }
    }
}
