package org.starttlslist.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Files as given, and every {@code *.json} under each directory given, sorted, without repeats. */
    public static List<Path> expand(List<Path> paths) {
        TreeSet<Path> files = new TreeSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                            .forEach(p -> files.add(p.toAbsolutePath().normalize()));
                } catch (IOException e) {
                    throw new CouldNotCompleteException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else {
                files.add(path.toAbsolutePath().normalize());
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * Formats {@code files}; unless {@code check}, rewrites each that is not canonical. A file
     * that cannot be formatted (not JSON, not an object) is never written.
     */
    public static List<Result> run(List<Path> files, boolean check) {
        List<Result> results = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CouldNotCompleteException("cannot read " + file + ": " + e.getMessage(), e);
            }
            SourceFormatter.Outcome outcome = SourceFormatter.format(bytes, SourceFormatter.Kind.of(file));
            if (!check && outcome instanceof SourceFormatter.Outcome.Reformatted reformatted) {
                try {
                    AtomicFiles.write(file, reformatted.bytes());
                } catch (IOException e) {
                    throw new CouldNotCompleteException("cannot rewrite " + file + ": " + e.getMessage(), e);
                }
            }
            results.add(new Result(file, outcome));
        }
        return results;
    }
}
