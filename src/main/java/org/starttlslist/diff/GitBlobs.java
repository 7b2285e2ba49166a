package org.starttlslist.diff;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.starttlslist.failure.CouldNotCompleteException;

/** The one place the diff feature uses JGit: the bytes of {@code path} at revision {@code ref}. */
final class GitBlobs {
    private GitBlobs() {}

    static byte[] read(Path directory, String ref, String path, String argument) {
        FileRepositoryBuilder builder =
                new FileRepositoryBuilder().setMustExist(true).findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            throw new ListNotFoundException(
                    argument, directory + " is not in a git repository; REF:path reads from git");
        }
        try (Repository repository = builder.build()) {
            ObjectId commit = repository.resolve(ref + "^{commit}");
            if (commit == null) {
                throw new ListNotFoundException(
                        argument, "no commit '" + ref + "' in " + repository.getDirectory());
            }
            ObjectId blob = repository.resolve(commit.name() + ":" + path);
            if (blob == null) {
                throw new ListNotFoundException(
                        argument,
                        "no file '"
                                + path
                                + "' in "
                                + ref
                                + " (paths are relative to the repository root)");
            }
            ObjectLoader loader = repository.open(blob);
            if (loader.getType() != Constants.OBJ_BLOB) {
                throw new ListNotFoundException(
                        argument, "'" + path + "' in " + ref + " is not a file");
            }
            if (loader.getSize() > ListInputs.MAX_LIST_BYTES) {
                throw new ListTooLargeException(
                        argument, loader.getSize(), ListInputs.MAX_LIST_BYTES);
            }
            return loader.getBytes();
        } catch (RevisionSyntaxException | AmbiguousObjectException e) {
            throw new ListNotFoundException(
                    argument, "'" + ref + "' is not a usable revision: " + e.getMessage());
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + argument + " from git: " + e.getMessage(), e);
        }
    }
}
