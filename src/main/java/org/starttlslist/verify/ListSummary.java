package org.starttlslist.verify;

import java.time.Instant;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;

/**
 * What {@code verify} shows of a usable list: its two instants and how many domains it lists, in
 * each mode in effect (aliases followed). Counting needs no model of the list: {@link
 * UsableList#summarize} checks every rule of {@link UsableList#read} and keeps only these.
 */
public record ListSummary(
        Instant timestamp, Instant expires, long domains, long enforce, long testing) {

    /** The summary of a list already read. */
    public static ListSummary of(PolicyList list) {
        return new ListSummary(
                list.timestamp(),
                list.expires(),
                list.policies().size(),
                list.count(Mode.ENFORCE),
                list.count(Mode.TESTING));
    }
}
