package org.starttlslist.verify;

import java.util.Optional;
import org.starttlslist.listfile.ListValidity;

/**
 * The two instants of a list a consumer already holds (the installed list, the previous one), as
 * {@link ListValidity#read} finds them, for a 100,000-domain list without its cost: its tokenizer
 * keeps a name table and a duplicate-key set of every domain (about 250 MB allocated for a 21 MB
 * list, a third of a {@code mirror} run). The count-only pass of {@code verify} ({@link
 * PublishedListFastPath#summarize}) gives the same instants whenever it proves the list, since a
 * proven list is strict JSON with each field once; anything else is left to {@link
 * ListValidity#read}. {@code ListInstantsTest} holds the two to the same answer.
 */
public final class ListInstants {
    private ListInstants() {}

    /** As {@link ListValidity#read}. */
    public static Optional<ListValidity> read(byte[] list) {
        Optional<ListSummary> counted = PublishedListFastPath.summarize(list);
        if (counted.isPresent()) {
            return Optional.of(
                    new ListValidity(counted.get().timestamp(), counted.get().expires()));
        }
        return ListValidity.read(list);
    }
}
