package org.starttlslist.verify;

/**
 * Caps on every input a consumer reads, each with an option to change it. Each is enforced while
 * reading, before the memory is spent: exceeding one is a one-line rejection (exit 1).
 *
 * @param listBytes the list ({@code --max-list-bytes}; {@code mirror} also accepts {@code
 *     --max-bytes})
 * @param signatureBytes the signature file ({@code --max-signature-bytes})
 * @param signatures signatures in one signature file ({@code --max-signatures})
 * @param keyBytes one pinned key file ({@code --max-key-bytes})
 */
public record InputCaps(long listBytes, long signatureBytes, int signatures, long keyBytes) {
    public static final long DEFAULT_LIST_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_SIGNATURE_BYTES = 64L * 1024;

    public InputCaps {
        if (listBytes < 1 || signatureBytes < 1 || signatures < 1 || keyBytes < 1) {
            throw new IllegalArgumentException("every cap must be positive");
        }
    }

    public static InputCaps defaults() {
        return new InputCaps(
                DEFAULT_LIST_BYTES,
                DEFAULT_SIGNATURE_BYTES,
                ListVerifier.DEFAULT_MAX_SIGNATURES,
                PinnedKeys.DEFAULT_MAX_KEY_BYTES);
    }
}
