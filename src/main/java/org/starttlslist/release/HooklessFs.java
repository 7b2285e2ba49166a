package org.starttlslist.release;

import java.io.File;
import java.io.OutputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system as JGit sees it, minus hooks. A release runs no hook of the clone ({@code
 * pre-commit}, {@code post-commit}, {@code pre-push}, ...): a hook is code from the clone's {@code
 * .git/hooks} or {@code core.hooksPath}, and could change or re-push what was verified. JGit asks
 * its {@link FS} for every hook, so answering "not present" here covers all of them, for the
 * commit, the tag and the push alike.
 */
final class HooklessFs extends FS_POSIX {
    HooklessFs() {
        super(FS.DETECTED);
    }

    @Override
    public FS newInstance() {
        return new HooklessFs();
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(
            Repository repository,
            String hookName,
            String[] args,
            OutputStream out,
            OutputStream err,
            String stdin) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }
}
