package org.starttlslist.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.source.ListRepository;

/** {@code fmt}: finds source files, formats each, and rewrites (atomically) those that changed. */
public final class SourceFormatting {
    /** What happened to one file. */
    public record Result(Path file, SourceFormatter.Outcome outcome) {
        public boolean canonical() {
            return outcome instanceof SourceFormatter.Outcome.Canonical;
        }
    }

    private SourceFormatting() {}

    /** Every {@code *.json} under {@code policies/} (aliases included), sorted. */
    public static List<Path> sources(ListRepository repository) {
        if (!Files.isDirectory(repository.policiesDir())) {
            return List.of();
        }
        return expand(List.of(repository.policiesDir()));
    }

    /**
     * Files as given, and every {@code *.json} under each directory given, sorted, without repeats.
     */
    public static List<Path> expand(List<Path> paths) {
        TreeSet<Path> files = new TreeSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    // Links and other non-files are listed too, so that run() reports them instead
                    // of silently skipping (or following) them.
                    walk.filter(
                                    p ->
                                            !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                                    && p.getFileName().toString().endsWith(".json"))
                            .forEach(p -> files.add(p.toAbsolutePath().normalize()));
                } catch (IOException e) {
                    throw new CouldNotCompleteException(
                            "cannot list " + path + ": " + e.getMessage(), e);
                }
            } else {
                files.add(path.toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * Formats {@code files}; unless {@code check}, rewrites each that is not canonical. A file that
     * cannot be formatted (not JSON, not an object) is never written.
     */
    public static List<Result> run(List<Path> files, boolean check) {
        List<Result> results = new ArrayList<>();
        for (Path file : files) {
            Optional<String> notAFile = notARegularFile(file);
            if (notAFile.isPresent()) {
                results.add(
                        new Result(
                                file,
                                new SourceFormatter.Outcome.Unformattable(notAFile.get(), 1, 1)));
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CouldNotCompleteException(
                        "cannot read " + file + ": " + e.getMessage(), e);
            }
            SourceFormatter.Outcome outcome =
                    SourceFormatter.format(bytes, SourceFormatter.Kind.of(file));
            if (!check && outcome instanceof SourceFormatter.Outcome.Reformatted reformatted) {
                try {
                    AtomicFiles.write(file, reformatted.bytes());
                } catch (IOException e) {
                    throw new CouldNotCompleteException(
                            "cannot rewrite " + file + ": " + e.getMessage(), e);
                }
            }
            results.add(new Result(file, outcome));
        }
        return results;
    }

    /**
     * Why {@code file} is not formatted, when it is not a regular file: a symbolic link is never
     * followed (rewriting it would replace the link with a copy of a file that may be outside the
     * repository), and a FIFO or device is never opened (reading it can block forever).
     */
    private static Optional<String> notARegularFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes =
                    Files.readAttributes(
                            file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new CouldNotCompleteException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of(
                    "is a symbolic link, which fmt never follows; replace it with the file itself");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of(
                    "is not a regular file (a FIFO, device or socket), which fmt never opens; remove it");
        }
        return Optional.empty();
    }
}
