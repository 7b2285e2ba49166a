package org.starttlslist.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.starttlslist.export.ListExporter;
import org.starttlslist.export.PostfixPolicyMap;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;

/**
 * After a scheduled mirror run, keeps the Postfix table in step with the installed list, and does
 * nothing when it already is:
 *
 * <ol>
 *   <li>Nothing installed: nothing to export.
 *   <li>What the table should hold: the installed release's policies, or the fallback when that
 *       list has expired (enforcing a stale list is what the project exists to prevent).
 *   <li>The record of the last completed export ({@code TABLE.exported}) says the same: unchanged,
 *       no export, no {@code postmap}, no reload.
 *   <li>Otherwise export (the same checks as {@code export postfix}, pinned keys included; or, when
 *       this run's mirror step installed or confirmed that very release, from the list it verified,
 *       so the list is verified once per run), run {@code postmap}, then write the record, then ask
 *       for a reload by creating {@code TABLE.reload-needed}. The record is written last, so a run
 *       that fails half-way is redone in full by the next one.
 * </ol>
 *
 * The reload itself is the one privileged step, done outside this process by whoever runs it (the
 * systemd unit's {@code ExecStopPost=+}, or the cron line as root) when the marker exists. The
 * record states its reason in words rather than relying on file times.
 */
public final class TableRefresh {
    /** Where and how to export. */
    public record Target(Path table, String tableType, boolean earlyAdopter, Postmap postmap) {}

    /**
     * A release the mirror run installed (or found current) moments ago, with what it verified: the
     * exact bytes in that release's list file, their model and signers.
     */
    public record VerifiedRelease(Path release, ListVerifier.Verified verified) {
        public VerifiedRelease {
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(verified, "verified");
        }
    }

    /**
     * @param verification how the mirror verified the list (its pinned keys, threshold and caps);
     *     empty exports without checking the signature
     * @param alreadyVerified what this run's mirror step verified; used instead of reading and
     *     verifying the installed files again when {@code current} still points to that release, so
     *     a run verifies its list once. Empty (or another release installed since): the full
     *     checks, as {@code export postfix}.
     */
    public record Request(
            MirrorLayout layout,
            Optional<ListVerifier.Options> verification,
            InputCaps caps,
            Instant now,
            Target target,
            Optional<VerifiedRelease> alreadyVerified) {
        public Request {
            Objects.requireNonNull(verification, "verification");
            Objects.requireNonNull(caps, "caps");
            Objects.requireNonNull(alreadyVerified, "alreadyVerified");
        }

        /** Given only the mirror directory: the installed list is read and verified in full. */
        public Request(
                MirrorLayout layout,
                Optional<ListVerifier.Options> verification,
                InputCaps caps,
                Instant now,
                Target target) {
            this(layout, verification, caps, now, target, Optional.empty());
        }
    }

    public sealed interface Outcome {
        /** No list is installed yet; the table was left alone. */
        record NothingInstalled() implements Outcome {}

        /** The table already holds what the installed list gives. */
        record Unchanged(Path table, String state) implements Outcome {}

        /** The table was rewritten, {@code postmap} ran and a reload was requested. */
        record Refreshed(Path table, ListExporter.Outcome exported, Path reloadMarker)
                implements Outcome {}
    }

    private TableRefresh() {}

    public static Path recordFile(Path table) {
        return table.resolveSibling(table.getFileName() + ".exported");
    }

    public static Path reloadMarker(Path table) {
        return table.resolveSibling(table.getFileName() + ".reload-needed");
    }

    public static Outcome run(Request request) {
        Target target = request.target();
        // 1. Nothing installed.
        Optional<Path> release = request.layout().currentRelease();
        if (release.isEmpty()) {
            return new Outcome.NothingInstalled();
        }
        // 2. What the table should hold. An unreadable list is exported anyway: the exporter
        //    refuses it with the reason, and the old table stays.
        Path list = release.get().resolve(MirrorLayout.LIST);
        // The mirror's verified result applies only to the release it installed; if another run
        // switched current since, that release is read and verified here in full.
        Optional<ListVerifier.Verified> verified =
                request.alreadyVerified()
                        .filter(v -> sameRelease(v.release(), release.get()))
                        .map(VerifiedRelease::verified);
        boolean expired =
                verified.map(v -> Optional.of(v.list().expires()))
                        .orElseGet(() -> validity(list).map(ListValidity::expires))
                        .map(expires -> !expires.isAfter(request.now()))
                        .orElse(false);
        String wanted =
                "release "
                        + release.get().getFileName()
                        + "\n"
                        + "table "
                        + (expired ? "fallback (the list expired)" : "policies")
                        + "\n"
                        + "type "
                        + target.tableType()
                        + "\n"
                        + "early-adopter "
                        + target.earlyAdopter()
                        + "\n";
        // 3. Already done?
        if (wanted.equals(readRecord(target.table())) && Files.exists(target.table())) {
            return new Outcome.Unchanged(target.table(), wanted);
        }
        // 4. Export, postmap, record, request the reload.
        ListExporter exporter = new ListExporter(new PostfixPolicyMap(target.earlyAdopter()));
        ListExporter.Outcome exported =
                verified.isPresent()
                        ? exporter.exportVerified(
                                verified.get(), list, request.now(), target.table())
                        : exporter.export(
                                new ListExporter.Request(
                                        list,
                                        release.get().resolve(MirrorLayout.SIGNATURE),
                                        request.verification(),
                                        request.now(),
                                        target.table(),
                                        request.caps()));
        target.postmap().run(target.tableType(), target.table());
        write(recordFile(target.table()), wanted);
        write(
                reloadMarker(target.table()),
                "requested by starttls-list after exporting " + target.table() + "\n");
        return new Outcome.Refreshed(target.table(), exported, reloadMarker(target.table()));
    }

    private static boolean sameRelease(Path installed, Path current) {
        return installed.toAbsolutePath().normalize().equals(current.toAbsolutePath().normalize());
    }

    private static Optional<ListValidity> validity(Path list) {
        try {
            return ListValidity.read(Files.readAllBytes(list));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readRecord(Path table) {
        try {
            return Files.readString(recordFile(table), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return ""; // unreadable: export again, which rewrites it
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(
                    file,
                    text.getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
