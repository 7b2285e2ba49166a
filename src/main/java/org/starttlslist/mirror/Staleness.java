package org.starttlslist.mirror;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.starttlslist.failure.Printable;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.model.ListTimes;
import org.starttlslist.verify.ListInstants;

/**
 * Whether the list a mirror serves is about to stop protecting mail: expired, expiring within
 * {@link #HORIZON}, or unreadable. Mirrors must refresh at least every 48 hours; a list this close
 * to its end means the refreshes are failing and a person must look.
 */
public final class Staleness {
    public static final Duration HORIZON = Duration.ofDays(2);

    private Staleness() {}

    /**
     * The ACTION REQUIRED message, or empty when the installed list is fresh or nothing is
     * installed. {@code sourceFailed}: this run could not fetch or accept a list (its reason is
     * printed before), rather than finding nothing newer than what is installed.
     */
    public static Optional<String> check(MirrorLayout layout, Instant now, boolean sourceFailed) {
        String next =
                sourceFailed
                        ? " Fix the cause above and run the mirror again."
                        : " The source has nothing newer: check that it is where the maintainers publish, or ask them for a new release.";
        Optional<java.nio.file.Path> release;
        Optional<ListValidity> validity;
        try {
            release = layout.currentRelease();
            if (release.isEmpty()) {
                return Optional.empty();
            }
            validity = readValidity(release.get());
        } catch (RuntimeException e) {
            // Whatever is wrong with the directory, the alert must not be lost with it.
            return Optional.of(
                    "ACTION REQUIRED: cannot tell whether the list installed in "
                            + layout.root()
                            + " is still valid ("
                            + Printable.escape(String.valueOf(e.getMessage()))
                            + "); mail servers may be using an old list. Repair the mirror directory and run the mirror again.");
        }
        if (validity.isEmpty()) {
            return Optional.of(
                    "ACTION REQUIRED: the installed list in "
                            + release.get()
                            + " cannot be read as a policy list"
                            + " and no valid list could be installed; fix the source or the pinned keys and run the mirror again.");
        }
        Instant expires = validity.get().expires();
        if (!expires.isAfter(now)) {
            return Optional.of(
                    "ACTION REQUIRED: the installed list in "
                            + layout.root()
                            + " expired at "
                            + ListTimes.format(expires)
                            + " and no newer list was installed. Mail servers using it fall back to opportunistic TLS."
                            + next);
        }
        if (Duration.between(now, expires).compareTo(HORIZON) <= 0) {
            return Optional.of(
                    "ACTION REQUIRED: the installed list in "
                            + layout.root()
                            + " expires at "
                            + ListTimes.format(expires)
                            + " (in "
                            + Duration.between(now, expires).toHours()
                            + " hours) and no newer list was installed."
                            + next);
        }
        return Optional.empty();
    }

    private static Optional<ListValidity> readValidity(java.nio.file.Path release) {
        try {
            return ListInstants.read(
                    MirrorLayout.readOwnFile(
                            release.resolve(MirrorLayout.LIST),
                            FetchLimits.DEFAULT_LIST_BYTES * 64,
                            "--max-list-bytes"));
        } catch (IOException e) {
            return Optional.empty(); // missing or unreadable: as corrupt
        }
    }
}
