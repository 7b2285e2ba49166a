package org.starttlslist.release;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/**
 * Something in the working tree is not committed, so the release would not be built from what the
 * commit records.
 */
public final class WorkingTreeNotCleanException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final List<String> paths;

    public WorkingTreeNotCleanException(List<String> paths) {
        super(
                "the working tree has uncommitted changes ("
                        + summary(paths)
                        + "); commit or remove them so the release is built from committed sources");
        this.paths = List.copyOf(paths);
    }

    public List<String> paths() {
        return paths;
    }

    private static String summary(List<String> paths) {
        int shown = Math.min(paths.size(), 5);
        String first = String.join(", ", paths.subList(0, shown));
        return paths.size() > shown ? first + " and " + (paths.size() - shown) + " more" : first;
    }
}
