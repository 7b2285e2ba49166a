package org.starttlslist.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.source.ListRepository;

/**
 * The files one lifecycle command changes, decided in full before the first is written. Each file
 * is replaced atomically ({@link AtomicFiles}); the run record, when there is one, is written last,
 * so a run interrupted half-way is not recorded and applying it again finishes it (every rule acts
 * on a change of state, so what was already written is not done twice).
 */
public final class ChangeSet {
    private final Map<Path, byte[]> writes = new LinkedHashMap<>();
    private final Set<Path> deletes = new LinkedHashSet<>();
    private final Map<Path, byte[]> last = new LinkedHashMap<>();

    public void write(Path file, byte[] bytes) {
        deletes.remove(file);
        writes.put(file, bytes);
    }

    public void delete(Path file) {
        writes.remove(file);
        deletes.add(file);
    }

    void writeLast(Path file, byte[] bytes) {
        last.put(file, bytes);
    }

    public boolean isEmpty() {
        return writes.isEmpty() && deletes.isEmpty() && last.isEmpty();
    }

    public Set<Path> written() {
        Set<Path> all = new LinkedHashSet<>(writes.keySet());
        all.addAll(last.keySet());
        return all;
    }

    public Set<Path> deleted() {
        return Set.copyOf(deletes);
    }

    public void commit(ListRepository repository) {
        Path current = null;
        try {
            for (Map.Entry<Path, byte[]> entry : writes.entrySet()) {
                current = entry.getKey();
                AtomicFiles.write(current, entry.getValue());
            }
            for (Path file : deletes) {
                current = file;
                Files.deleteIfExists(file);
            }
            for (Map.Entry<Path, byte[]> entry : last.entrySet()) {
                current = entry.getKey();
                AtomicFiles.write(current, entry.getValue());
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot write "
                            + repository.display(current)
                            + ": "
                            + e.getMessage()
                            + "; fix the cause and run the command again (it finishes what was begun)",
                    e);
        }
    }
}
