package org.starttlslist.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;
import org.starttlslist.verify.PinnedKeysUnusableException;
import picocli.CommandLine.Option;

/**
 * The caps on what a consumer reads, and the longest list validity it accepts: verify, mirror,
 * export.
 */
final class InputCapOptions {
    @Option(
            names = {"--max-list-bytes", "--max-bytes"},
            paramLabel = "N",
            defaultValue = "" + InputCaps.DEFAULT_LIST_BYTES,
            description = "Largest policy.json read (default ${DEFAULT-VALUE}).")
    long listBytes;

    @Option(
            names = "--max-signature-bytes",
            paramLabel = "N",
            defaultValue = "" + InputCaps.DEFAULT_SIGNATURE_BYTES,
            description = "Largest signature file read (default ${DEFAULT-VALUE}).")
    long signatureBytes;

    @Option(
            names = "--max-signatures",
            paramLabel = "N",
            defaultValue = "" + ListVerifier.DEFAULT_MAX_SIGNATURES,
            description =
                    "Most signatures read from one signature file (default ${DEFAULT-VALUE}).")
    int signatures;

    @Option(
            names = "--max-key-bytes",
            paramLabel = "N",
            defaultValue = "" + PinnedKeys.DEFAULT_MAX_KEY_BYTES,
            description = "Largest pinned key file read (default ${DEFAULT-VALUE}).")
    long keyBytes;

    @Option(
            names = "--max-validity",
            paramLabel = "DAYS",
            defaultValue = "31",
            description =
                    "Refuse a list valid (expires - timestamp) for longer than this (default ${DEFAULT-VALUE}).")
    long maxValidityDays;

    InputCaps caps() {
        if (listBytes < 1 || signatureBytes < 1 || signatures < 1 || keyBytes < 1) {
            throw new UsageException(
                    "--max-list-bytes, --max-signature-bytes, --max-signatures and --max-key-bytes"
                            + " must be positive");
        }
        return new InputCaps(listBytes, signatureBytes, signatures, keyBytes);
    }

    Duration maxValidity() {
        if (maxValidityDays < 1 || maxValidityDays > 3650) {
            throw new UsageException(
                    "--max-validity " + maxValidityDays + ": give a number of days from 1 to 3650");
        }
        return Duration.ofDays(maxValidityDays);
    }

    /**
     * The pinned keys, loaded once at the edge: a missing or unusable key file is a usage error,
     * reported before any lock is taken or anything is downloaded.
     */
    PinnedKeys loadKeys(List<Path> files) {
        try {
            return PinnedKeys.load(files, caps().keyBytes());
        } catch (PinnedKeysUnusableException e) {
            throw new UsageException("--keys: " + e.getMessage());
        }
    }

    /** The verifier's options for these keys and caps at {@code now}. */
    ListVerifier.Options verification(PinnedKeys keys, java.time.Instant now) {
        return ListVerifier.Options.of(keys, now)
                .withMaxValidity(maxValidity())
                .withMaxSignatures(caps().signatures());
    }
}
