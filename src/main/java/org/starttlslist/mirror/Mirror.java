package org.starttlslist.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.model.ListTimes;
import org.starttlslist.model.PolicyList;
import org.starttlslist.verify.ListInstants;
import org.starttlslist.verify.ListVerifier;

/**
 * One mirror run: fetch, verify, install as one unit. The steps, in order:
 *
 * <ol>
 *   <li>The reference time is fixed once by the caller ({@link ListVerifier.Options#now}), and the
 *       pinned keys were loaded by the caller before anything else.
 *   <li>Take the directory's lock, so no other run interleaves.
 *   <li>Read the installed list. It is the rollback reference ({@code previous}) when it still
 *       parses; an expired list still counts. A corrupt installed copy is set aside with a note,
 *       never a blocker (the predecessor's updater failed forever on a corrupt local copy).
 *   <li>Fetch both files with byte caps and a deadline.
 *   <li>Run the verification checklist ({@link ListVerifier}): pinned keys, threshold, hashes,
 *       times, schema, expiry, and a strictly newer timestamp than {@code previous} unless the
 *       bytes are identical. A git tag must name the verified list's own timestamp; when the newest
 *       tag is refused, up to {@link #MAX_CANDIDATES} older tags are tried, so one bogus tag cannot
 *       block updates. The first refusal is the one reported.
 *   <li>Identical to the installed list: nothing to do ("already current").
 *   <li>Install: new versioned directory, flushed, then {@code current} replaced atomically.
 *   <li>Prune releases beyond the newest {@link Options#keep}, after the switch.
 *   <li>Whatever happened, judge the installed list's freshness ({@link Staleness}), so that a
 *       failure of any kind still raises the alert when the MTA is left on an old list.
 * </ol>
 *
 * Any failure before step 7 leaves the directory exactly as it was. Nothing in the directory is
 * trusted: see {@link MirrorLayout}.
 */
public final class Mirror {
    public record Options(
            ListVerifier.Options verification, FetchLimits limits, Duration lockWait, int keep) {
        public Options {
            if (keep < 1) {
                throw new IllegalArgumentException("keep at least the current release");
            }
        }

        public Instant now() {
            return verification.now();
        }
    }

    /** How many installed releases stay for an operator to go back to, unless told otherwise. */
    public static final int DEFAULT_KEEP = 5;

    public enum Status {
        INSTALLED,
        ALREADY_CURRENT
    }

    /**
     * @param verified what the run verified: the exact bytes now installed in {@code release}, so a
     *     step after the run (the table refresh) can use them instead of verifying the files again
     */
    public record Outcome(
            Status status,
            Path release,
            PolicyList list,
            List<String> signers,
            String origin,
            List<String> notes,
            List<Path> pruned,
            ListVerifier.Verified verified) {}

    /**
     * What a run came to: the outcome, or the failure that stopped it, and the ACTION REQUIRED
     * alert when the installed list is stale (expired, expiring within {@link Staleness#HORIZON},
     * or unreadable) after the run.
     */
    public record Report(
            Optional<Outcome> outcome,
            Optional<RuntimeException> failure,
            Optional<String> actionRequired) {
        public boolean stale() {
            return actionRequired.isPresent();
        }
    }

    private final MirrorLayout layout;
    private final Options options;

    public Mirror(MirrorLayout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    /** Steps 2 to 9; never throws for a failure of the run, which the report carries instead. */
    public Report run(ListSource source) {
        Optional<Outcome> outcome = Optional.empty();
        RuntimeException failure = null;
        try {
            outcome = Optional.of(install(source));
        } catch (RuntimeException e) {
            failure = e;
        }
        // 9.
        Optional<String> alert = Staleness.check(layout, options.now(), failure != null);
        return new Report(outcome, Optional.ofNullable(failure), alert);
    }

    /** Steps 2 to 8; throws the failure that stopped the run. */
    // "try": the lock is held for the whole try-with-resources block and never referenced in it, by
    // design.
    @SuppressWarnings("try")
    public Outcome install(ListSource source) {
        try {
            Files.createDirectories(layout.root());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the mirror directory " + layout.root() + ": " + e.getMessage(),
                    e);
        }
        // 2.
        try (MirrorLock lock = MirrorLock.acquire(layout.lockFile(), options.lockWait())) {
            List<String> notes = new ArrayList<>();
            // 3.
            Optional<InstalledPair> installed = InstalledPair.read(layout, options.limits());
            Optional<byte[]> previous = installed.flatMap(pair -> rollbackReference(pair, notes));
            // 4. and 5., for each candidate the source offers (older git tags after a refused one).
            ListSource candidate = source;
            ListPair fetched;
            ListVerifier.Verified verified;
            RuntimeException firstRefusal = null;
            for (int attempt = 1; ; attempt++) {
                try {
                    fetched = candidate.fetch(options.limits());
                } catch (RuntimeException e) {
                    if (firstRefusal != null) {
                        throw firstRefusal; // no older candidate to try: the refusal is the answer
                    }
                    throw e;
                }
                if (attempt == 1) {
                    notes.addAll(fetched.notes());
                }
                try {
                    verified = verifyPair(fetched, previous);
                    break;
                } catch (org.starttlslist.failure.RejectedException refused) {
                    Optional<ListSource> next =
                            attempt < MAX_CANDIDATES
                                    ? candidate.without(fetched)
                                    : Optional.empty();
                    if (firstRefusal == null) {
                        firstRefusal = refused;
                    }
                    if (next.isEmpty()) {
                        throw firstRefusal;
                    }
                    notes.add(
                            "refused "
                                    + fetched.origin()
                                    + " ("
                                    + refused.getMessage()
                                    + "); trying the next older tag");
                    candidate = next.get();
                }
            }
            // 6.
            if (installed.isPresent()
                    && (verified.unchangedFromPrevious()
                            || Arrays.equals(installed.get().list(), fetched.list()))) {
                return new Outcome(
                        Status.ALREADY_CURRENT,
                        installed.get().directory(),
                        verified.list(),
                        verified.signerFingerprints(),
                        fetched.origin(),
                        notes,
                        List.of(),
                        verified);
            }
            ReleaseStore store = new ReleaseStore(layout);
            try {
                // 7.
                Path release = store.install(fetched, verified.list().timestamp());
                // 8.
                List<Path> pruned = store.prune(options.keep(), notes);
                return new Outcome(
                        Status.INSTALLED,
                        release,
                        verified.list(),
                        verified.signerFingerprints(),
                        fetched.origin(),
                        notes,
                        pruned,
                        verified);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot install into " + layout.root() + ": " + e.getMessage(), e);
            }
        }
    }

    /** At most this many candidates (git tags) are fetched and verified in one run. */
    static final int MAX_CANDIDATES = 3;

    private ListVerifier.Verified verifyPair(ListPair fetched, Optional<byte[]> previous) {
        ListVerifier.Verified verified =
                ListVerifier.verify(
                        fetched.list(),
                        fetched.signature(),
                        options.verification().withPrevious(previous));
        if (fetched.claimedTimestamp().isPresent()
                && !fetched.claimedTimestamp().get().equals(verified.list().timestamp())) {
            throw new TagMismatchException(
                    fetched.origin(),
                    fetched.claimedTimestamp().get(),
                    verified.list().timestamp());
        }
        return verified;
    }

    /**
     * The installed list as the rollback floor, when it parses. It is not verified again: it was
     * verified when it was installed, this run verifies what it fetches in full, and verifying
     * twice doubled the time of every run on a large list. Whoever can rewrite DIR can do worse
     * than move the floor.
     */
    private Optional<byte[]> rollbackReference(InstalledPair installed, List<String> notes) {
        Optional<ListValidity> validity = ListInstants.read(installed.list());
        if (validity.isEmpty()) {
            notes.add(
                    "the installed list "
                            + installed.directory()
                            + " cannot be read as a policy list"
                            + "; verifying without the rollback check and replacing it");
            return Optional.empty();
        }
        if (!validity.get().expires().isAfter(options.now())) {
            notes.add(
                    "the installed list expired at " + ListTimes.format(validity.get().expires()));
        }
        return Optional.of(installed.list());
    }

    /** The list {@code current} points to, read through one checked resolution of the link. */
    record InstalledPair(Path directory, byte[] list) {
        static Optional<InstalledPair> read(MirrorLayout layout, FetchLimits limits) {
            Optional<Path> release = layout.currentRelease();
            if (release.isEmpty()) {
                return Optional.empty();
            }
            Path directory = release.get();
            try {
                return Optional.of(
                        new InstalledPair(
                                directory,
                                MirrorLayout.readOwnFile(
                                        directory.resolve(MirrorLayout.LIST),
                                        limits.maxListBytes(),
                                        "--max-list-bytes")));
            } catch (IOException | RuntimeException e) {
                if (e instanceof MirrorStateException state) {
                    throw state;
                }
                // Missing, unreadable or too large counts as corrupt: set aside, never a blocker.
                return Optional.of(new InstalledPair(directory, new byte[0]));
            }
        }
    }
}
