package org.starttlslist.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.starttlslist.files.AtomicFiles;
import org.starttlslist.files.BoundedFiles;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListExpiredException;
import org.starttlslist.verify.ListInvalidException;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import org.starttlslist.verify.UsableList;

/**
 * Reads an installed list, checks it, and writes one MTA's configuration atomically.
 *
 * <ol>
 *   <li>Read the exact bytes of the list (and, with pinned keys, of its {@code .asc}), each up to
 *       its cap.
 *   <li>With pinned keys, run the one verification checklist ({@link ListVerifier}) and take the
 *       list from its result: unsigned bytes never reach the parser. An expired list is verified as
 *       of just before it expired ("was this an authentic list?"), so a forged, expired file cannot
 *       switch enforcement off either. Without keys, the operator chose to skip the signature; the
 *       list must still be usable ({@link UsableList}, the same rules).
 *   <li>Expiry is checked always: an expired list gives the MTA's fallback file (opportunistic TLS)
 *       and {@link Outcome.Expired}, so the caller can alert the operator.
 *   <li>Generate and write atomically.
 * </ol>
 */
public final class ListExporter {
    /**
     * Within this time of expiry the outcome carries a warning: the mirror should have refreshed.
     */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(2);

    /**
     * What to export and how. {@code verification} empty means: no signature check; its {@code now}
     * is replaced by {@code now}.
     */
    public record Request(
            Path listFile,
            Path signatureFile,
            Optional<ListVerifier.Options> verification,
            Instant now,
            Path out,
            InputCaps caps) {
        public Request {
            java.util.Objects.requireNonNull(verification, "verification");
        }

        /** Verify against {@code keys} with the default checklist settings and caps. */
        public static Request verified(
                Path listFile, Path signatureFile, PinnedKeys keys, Instant now, Path out) {
            return new Request(
                    listFile,
                    signatureFile,
                    Optional.of(ListVerifier.Options.of(keys, now)),
                    now,
                    out,
                    InputCaps.defaults());
        }
    }

    public sealed interface Outcome permits Outcome.Written, Outcome.Expired {
        Path out();

        /** A real table was written from a list valid at {@code now}. */
        record Written(
                Path out,
                PolicyList list,
                boolean signatureChecked,
                long enforce,
                long testing,
                Optional<Duration> expiresSoon)
                implements Outcome {}

        /** The list had expired: the fallback file was written instead. */
        record Expired(Path out, Path listFile, Instant expiredAt) implements Outcome {}
    }

    private final MtaConfigGenerator generator;

    public ListExporter(MtaConfigGenerator generator) {
        this.generator = generator;
    }

    public Outcome export(Request request) {
        // 1. The exact bytes, capped.
        byte[] listBytes =
                BoundedFiles.readRegular(
                        request.listFile(),
                        request.caps().listBytes(),
                        "the policy list",
                        "--max-list-bytes");
        PolicyList list;
        if (request.verification().isPresent()) {
            byte[] signature =
                    BoundedFiles.readRegular(
                            request.signatureFile(),
                            request.caps().signatureBytes(),
                            "the list's signature (pass the file beside the list, or omit --keys)",
                            "--max-signature-bytes");
            // 2. Verify first; the list comes from the verifier.
            ListVerifier.Options options = request.verification().get().withNow(request.now());
            try {
                list = ListVerifier.verify(listBytes, signature, options).list();
            } catch (ListExpiredException e) {
                ListVerifier.verify(
                        listBytes, signature, options.withNow(e.expires().minusSeconds(1)));
                write(request.out(), generator.expiredFallback());
                return new Outcome.Expired(request.out(), request.listFile(), e.expires());
            }
        } else {
            try {
                list = UsableList.read(listBytes);
            } catch (ListInvalidException e) {
                throw new UnusableListException(
                        request.listFile(), e.pointer().isEmpty() ? "/" : e.pointer(), e.detail());
            }
            // 3. Expiry, always.
            if (!list.expires().isAfter(request.now())) {
                write(request.out(), generator.expiredFallback());
                return new Outcome.Expired(request.out(), request.listFile(), list.expires());
            }
        }
        // 4. Write.
        return written(list, request.verification().isPresent(), request.now(), request.out());
    }

    /**
     * Exports a list this run has already verified in full (the mirror's run, moments ago), without
     * reading or verifying the files again: the table is generated from the verified bytes' model,
     * so a file changed on disk since cannot be what gets exported. Expiry is still checked against
     * {@code now}.
     *
     * @param listFile where the list is installed, only to name it in {@link Outcome.Expired}
     */
    public Outcome exportVerified(
            ListVerifier.Verified verified, Path listFile, Instant now, Path out) {
        PolicyList list = verified.list();
        if (!list.expires().isAfter(now)) {
            write(out, generator.expiredFallback());
            return new Outcome.Expired(out, listFile, list.expires());
        }
        return written(list, true, now, out);
    }

    private Outcome written(PolicyList list, boolean signatureChecked, Instant now, Path out) {
        write(out, generator.generate(list));
        Duration left = Duration.between(now, list.expires());
        return new Outcome.Written(
                out,
                list,
                signatureChecked,
                list.count(Mode.ENFORCE),
                list.count(Mode.TESTING),
                left.compareTo(EXPIRY_WARNING) < 0 ? Optional.of(left) : Optional.empty());
    }

    private static void write(Path out, byte[] bytes) {
        try {
            // Readable by all, like the list it comes from; postmap and Postfix run as other users.
            AtomicFiles.write(out, bytes, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
