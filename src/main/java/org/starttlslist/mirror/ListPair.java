package org.starttlslist.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The exact bytes of a list and its detached signature as a source delivered them.
 *
 * @param claimedTimestamp the list time the source's naming claims (a git tag's name), checked
 *     against the verified list
 * @param notes what the source skipped and why (e.g. tags that are not real past instants)
 */
public record ListPair(
        byte[] list,
        byte[] signature,
        String origin,
        Optional<Instant> claimedTimestamp,
        List<String> notes) {
    public ListPair {
        notes = List.copyOf(notes);
    }

    public ListPair(byte[] list, byte[] signature, String origin) {
        this(list, signature, origin, Optional.empty(), List.of());
    }
}
