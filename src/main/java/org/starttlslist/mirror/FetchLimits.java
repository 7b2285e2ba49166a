package org.starttlslist.mirror;

/** Byte caps on what a source may deliver; a download that exceeds one is aborted. */
public record FetchLimits(long maxListBytes, long maxSignatureBytes) {
    public static final long DEFAULT_LIST_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_SIGNATURE_BYTES = 64L * 1024;

    public static FetchLimits defaults() {
        return new FetchLimits(DEFAULT_LIST_BYTES, DEFAULT_SIGNATURE_BYTES);
    }

    public long capFor(String name) {
        return name.endsWith(".asc") ? maxSignatureBytes : maxListBytes;
    }

    /** Throws when {@code size} (known before reading, or counted while reading) exceeds the cap. */
    public void check(String where, String name, long size) {
        long cap = capFor(name);
        if (size > cap) {
            throw new TooLargeException(where, cap);
        }
    }
}
