package org.starttlslist.signing;

import java.time.Instant;
import java.util.Optional;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.model.ListTimes;

/**
 * {@code sign} was asked to date a list's signature before the list's own {@code timestamp}.
 * Verifiers refuse such a signature (a backdated signature could borrow a key's past validity), so
 * none is made.
 */
public final class SignatureBeforeListException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant signatureTime;
    private final Instant listTimestamp;

    public SignatureBeforeListException(Instant signatureTime, Instant listTimestamp) {
        super(
                "the signature would be dated "
                        + ListTimes.format(signatureTime)
                        + ", before the list's timestamp "
                        + ListTimes.format(listTimestamp)
                        + "; verifiers refuse that. Sign with --now at or after the timestamp"
                        + " (or without --now, with a correct clock)");
        this.signatureTime = signatureTime;
        this.listTimestamp = listTimestamp;
    }

    public Instant signatureTime() {
        return signatureTime;
    }

    public Instant listTimestamp() {
        return listTimestamp;
    }

    /**
     * Refuses when {@code data} is a policy list whose timestamp is after {@code signatureTime}.
     */
    public static void requireNotBefore(byte[] data, Instant signatureTime) {
        requireNotBefore(data, ListValidity.scanTimestamp(data), signatureTime);
    }

    /**
     * As {@link #requireNotBefore(byte[], Instant)}, given what {@link ListValidity#scanTimestamp}
     * found in {@code data} (computed elsewhere, e.g. while the key was being unlocked).
     */
    public static void requireNotBefore(
            byte[] data, Optional<Instant> scanned, Instant signatureTime) {
        if (scanned.isPresent() && !signatureTime.isBefore(scanned.get())) {
            // The scan finds the timestamp the full read would, or none; signing at or after it
            // is what the full read allows too, so the 20 MB need not be tokenized.
            return;
        }
        ListValidity.read(data)
                .ifPresent(
                        validity -> {
                            if (signatureTime.isBefore(validity.timestamp())) {
                                throw new SignatureBeforeListException(
                                        signatureTime, validity.timestamp());
                            }
                        });
    }
}
