package org.starttlslist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Copies test resource trees into temporary directories and lists what a directory holds. */
public final class Trees {
    private Trees() {}

    /**
     * Copies the classpath resource directory {@code resource} (e.g. "/build/starter") into {@code
     * target}.
     */
    public static Path copyResource(String resource, Path target) {
        try {
            Path source = Path.of(Trees.class.getResource(resource).toURI());
            copy(source, target);
            return target;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void copy(Path source, Path target) {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(path, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code root}, relative, with '/', sorted. */
    public static List<String> files(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<String> files = new ArrayList<>();
            paths.filter(Files::isRegularFile)
                    .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
