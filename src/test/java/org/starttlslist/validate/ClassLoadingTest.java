package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code validate} must not load JGit or BouncyCastle (they cost start-up time on every
 * pull request); only {@code --changed-since} may. Runs the CLI in a fresh class loader that
 * records every class it is asked for.
 */
class ClassLoadingTest {
    /**
     * Loads the application's classes itself (parent: the platform loader) and remembers their
     * names.
     */
    static final class RecordingLoader extends java.net.URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super("recording", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }

        boolean loadedAny(String prefix) {
            return requested.stream().anyMatch(n -> n.startsWith(prefix));
        }
    }

    private static int run(RecordingLoader loader, String... args) throws Exception {
        Class<?> main = Class.forName("org.starttlslist.cli.Main", true, loader);
        Method run = main.getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
        try (PrintWriter out = new PrintWriter(new StringWriter());
                PrintWriter err = new PrintWriter(new StringWriter())) {
            return (Integer) run.invoke(null, out, err, args);
        }
    }

    private static RecordingLoader freshLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new RecordingLoader(urls.toArray(URL[]::new));
    }

    @Test
    void plainValidateLoadsNeitherJgitNorBouncyCastle() throws Exception {
        try (RecordingLoader loader = freshLoader()) {
            assertEquals(0, run(loader, "validate", "--now", "2026-11-28T00:00:00Z"));
            assertTrue(
                    loader.loadedAny("org.starttlslist.validate.Validator"),
                    "the fresh loader ran validate");
            assertTrue(
                    !loader.loadedAny("org.eclipse.jgit"),
                    "JGit was loaded: "
                            + loader.requested.stream()
                                    .filter(n -> n.startsWith("org.eclipse"))
                                    .toList());
            assertTrue(!loader.loadedAny("org.bouncycastle"), "BouncyCastle was loaded");
            // Every file of this repository is clean, so SchemaFastPath vouches for each and the
            // schema engine is never needed.
            assertTrue(!loader.loadedAny("com.networknt"), "the schema engine was loaded");
        }
    }

    @Test
    void changedSinceDoesLoadJgit(@TempDir Path notAGitRepository) throws Exception {
        try (RecordingLoader loader = freshLoader()) {
            assertEquals(
                    3,
                    run(
                            loader,
                            "-C",
                            notAGitRepository.toString(),
                            "validate",
                            "--changed-since",
                            "main"));
            assertTrue(loader.loadedAny("org.eclipse.jgit"), "the check above would notice JGit");
        }
    }
}
