package org.starttlslist.release;

import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/** Opens the git repository whose working tree is the list repository. */
public final class ListGit {
    private ListGit() {}

    /**
     * The repository at exactly {@code list.root()} (its {@code .git} directory or file). Unlike
     * {@code git}, neither searches parent directories nor reads {@code GIT_DIR}: the list
     * repository is the directory the user named. No hook of the clone runs through it ({@link
     * HooklessFs}).
     */
    public static Git open(ListRepository list) {
        if (!Files.exists(list.root().resolve(".git"))) {
            throw new NotAGitRepositoryException(list.root());
        }
        try {
            Repository repository =
                    new FileRepositoryBuilder()
                            .setWorkTree(list.root().toFile())
                            .setFS(new HooklessFs())
                            .setMustExist(true)
                            .build();
            return new Git(repository, true);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot open the git repository at " + list.root() + ": " + e.getMessage(), e);
        }
    }
}
