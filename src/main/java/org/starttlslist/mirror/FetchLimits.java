package org.starttlslist.mirror;

import org.starttlslist.files.InputTooLargeException;
import org.starttlslist.verify.InputCaps;

/**
 * Caps on what a source may deliver; a download that exceeds one is aborted. {@code
 * maxRepositoryBytes} bounds what a git source downloads into its cache before the two files can be
 * measured.
 */
public record FetchLimits(long maxListBytes, long maxSignatureBytes, long maxRepositoryBytes) {
    public static final long DEFAULT_LIST_BYTES = InputCaps.DEFAULT_LIST_BYTES;
    public static final long DEFAULT_SIGNATURE_BYTES = InputCaps.DEFAULT_SIGNATURE_BYTES;

    /**
     * A list repository with 100,000 domains packs to tens of MiB; this leaves room, not room for a
     * disk.
     */
    public static final long DEFAULT_REPOSITORY_BYTES = 256L * 1024 * 1024;

    public FetchLimits(long maxListBytes, long maxSignatureBytes) {
        this(maxListBytes, maxSignatureBytes, DEFAULT_REPOSITORY_BYTES);
    }

    public static FetchLimits defaults() {
        return new FetchLimits(
                DEFAULT_LIST_BYTES, DEFAULT_SIGNATURE_BYTES, DEFAULT_REPOSITORY_BYTES);
    }

    public long capFor(String name) {
        return name.endsWith(".asc") ? maxSignatureBytes : maxListBytes;
    }

    /** The option that raises the cap for this file. */
    public static String optionFor(String name) {
        return name.endsWith(".asc") ? "--max-signature-bytes" : "--max-list-bytes";
    }

    /**
     * Throws when {@code size} (known before reading, or counted while reading) exceeds the cap.
     */
    public void check(String where, String name, long size) {
        long cap = capFor(name);
        if (size > cap) {
            throw new InputTooLargeException(where, cap, optionFor(name));
        }
    }
}
