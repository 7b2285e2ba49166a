package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

/** {@code history/outbox/}: notices decided but not yet delivered, one file each, oldest first. */
public final class Outbox {
    private Outbox() {}

    static void queue(LifecycleLayout layout, List<Notice> notices, ChangeSet changes) {
        for (Notice notice : notices) {
            changes.write(layout.outboxDir().resolve(notice.id() + ".json"), notice.toBytes());
        }
    }

    public static List<Notice> pending(ListRepository repository) {
        Path directory = new LifecycleLayout(repository).outboxDir();
        List<Notice> notices = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return notices;
        }
        List<Path> files = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(directory, "*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String display = repository.display(file);
            notices.add(
                    Notice.parse(
                            name.substring(0, name.length() - 5),
                            LifecycleJson.read(file, display),
                            display));
        }
        return notices;
    }

    static void remove(ListRepository repository, Notice notice) {
        Path file = new LifecycleLayout(repository).outboxDir().resolve(notice.id() + ".json");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "sent "
                            + notice.id()
                            + " but cannot remove it from the outbox: "
                            + e.getMessage()
                            + "; delete "
                            + repository.display(file)
                            + " by hand, or it is sent again",
                    e);
        }
    }
}
