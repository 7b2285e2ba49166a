package org.starttlslist.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.starttlslist.files.FileTrees;

/**
 * Runs a test class with JGit seeing empty user, system and JGit configs, so the developer's {@code
 * ~/.gitconfig} (identity, {@code commit.gpgSign}, {@code gpg.format}, ...) can neither help nor
 * break a test. Use with {@code @ExtendWith(GitConfigIsolation.class)}.
 */
public final class GitConfigIsolation implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GitConfigIsolation.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        SystemReader previous = SystemReader.getInstance();
        context.getStore(NAMESPACE).put("previous", previous);
        Path empty;
        try {
            empty = Files.createTempDirectory("no-git-config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getStore(NAMESPACE).put("empty", empty);
        // Files that do not exist load as empty configs.
        File missing = empty.resolve("absent.gitconfig").toFile();
        SystemReader.setInstance(
                new SystemReader.Delegate(previous) {
                    @Override
                    public FileBasedConfig openUserConfig(Config parent, FS fs) {
                        return new FileBasedConfig(parent, missing, fs);
                    }

                    @Override
                    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                        return new FileBasedConfig(parent, missing, fs);
                    }

                    @Override
                    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
                        return new FileBasedConfig(parent, missing, fs);
                    }

                    @Override
                    public String getenv(String variable) {
                        // No GIT_* variable of the developer's shell leaks in either.
                        return variable.startsWith("GIT_") ? null : super.getenv(variable);
                    }
                });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SystemReader.setInstance(context.getStore(NAMESPACE).get("previous", SystemReader.class));
        try {
            // JGit may have written into it (a test that sets user config); remove it whole.
            FileTrees.delete(context.getStore(NAMESPACE).get("empty", Path.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
