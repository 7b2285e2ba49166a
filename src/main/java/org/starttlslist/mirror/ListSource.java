package org.starttlslist.mirror;

/** Where a mirror fetches the pair from. Implementations enforce the byte caps while reading. */
public interface ListSource {
    /**
     * The list and its signature. Throws {@link FetchFailedException} when they cannot be fetched
     * and {@link TooLargeException} when one is larger than its cap.
     */
    ListPair fetch(FetchLimits limits);

    /** The source as the operator wrote it, for messages. */
    String describe();

    /**
     * The same source without the candidate that gave {@code refused} (a git source's next older
     * tag), when there is one; empty for sources with a single candidate.
     */
    default java.util.Optional<ListSource> without(ListPair refused) {
        return java.util.Optional.empty();
    }
}
