package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/** Reads the check history under {@code history/}; writes go through a {@link ChangeSet}. */
public final class HistoryStore {
    private final ListRepository repository;
    private final LifecycleLayout layout;

    public HistoryStore(ListRepository repository) {
        this.repository = repository;
        this.layout = new LifecycleLayout(repository);
    }

    public Optional<DomainState> state(String domain) {
        Path file = layout.domainState(domain);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String display = repository.display(file);
        return Optional.of(DomainState.parse(domain, LifecycleJson.read(file, display), display));
    }

    /** The days on which a daily run was applied, oldest first. */
    public NavigableSet<LocalDate> runDays() {
        NavigableSet<LocalDate> days = new TreeSet<>();
        Path runs = layout.runsDir();
        if (!Files.isDirectory(runs)) {
            return days;
        }
        try (Stream<Path> files = Files.walk(runs, 3)) {
            files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .forEach(
                            file -> {
                                Path relative = runs.relativize(file);
                                if (relative.getNameCount() == 3) {
                                    String day =
                                            relative.getName(2).toString().replace(".json", "");
                                    try {
                                        days.add(
                                                LocalDate.parse(
                                                        relative.getName(0)
                                                                + "-"
                                                                + relative.getName(1)
                                                                + "-"
                                                                + day));
                                    } catch (DateTimeParseException e) {
                                        // not a run record; ignored
                                    }
                                }
                            });
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(runs) + ": " + e.getMessage(), e);
        }
        return days;
    }

    /**
     * How many daily runs were applied on days after {@code start}, up to and including {@code
     * today}.
     */
    public int runsAfter(LocalDate start, LocalDate today) {
        return runDays().subSet(start, false, today, true).size();
    }
}
