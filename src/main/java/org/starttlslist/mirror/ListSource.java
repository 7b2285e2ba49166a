package org.starttlslist.mirror;

/** Where a mirror fetches the pair from. Implementations enforce the byte caps while reading. */
public interface ListSource {
    /**
     * The list and its signature. Throws {@link FetchFailedException} when they cannot be
     * fetched and {@link TooLargeException} when one is larger than its cap.
     */
    ListPair fetch(FetchLimits limits);

    /** The source as the operator wrote it, for messages. */
    String describe();
}
