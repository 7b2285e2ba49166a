package org.starttlslist.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.source.ListRepository;

/**
 * The loud part of a diff or release notes: each domain that left the list and has a removal
 * record, with the date, the cause and the reason, so that a removal is never a quiet line among
 * the others (the predecessor's removals were hand edits nobody noticed being undone).
 */
public final class RemovalNotes {
    private RemovalNotes() {}

    /** Text or Markdown for the removed domains that have a removal record; empty when none has. */
    public static Optional<String> render(
            ListRepository repository, List<String> removedDomains, boolean markdown) {
        Map<String, RemovalRecord> records = RemovalRecord.all(repository);
        StringBuilder out = new StringBuilder();
        for (String domain : removedDomains) {
            RemovalRecord record = records.get(domain);
            if (record == null) {
                continue;
            }
            String line =
                    domain
                            + " on "
                            + record.removed()
                            + " ("
                            + record.cause().wire()
                            + ": "
                            + record.reason()
                            + "; by "
                            + record.by()
                            + ")";
            out.append(
                    markdown
                            ? "> - `"
                                    + domain
                                    + "` on "
                                    + record.removed()
                                    + " ("
                                    + record.cause().wire()
                                    + ": "
                                    + record.reason().replace("\n", " ")
                                    + "; by "
                                    + record.by()
                                    + ")\n"
                            : "  " + line + "\n");
        }
        if (out.isEmpty()) {
            return Optional.empty();
        }
        String heading =
                markdown
                        ? "> [!WARNING]\n> **REMOVED FROM THE LIST** (removal records in `policies/removed/`):\n"
                        : "REMOVED FROM THE LIST (removal records in policies/removed/):\n";
        return Optional.of(heading + out + "\n");
    }
}
