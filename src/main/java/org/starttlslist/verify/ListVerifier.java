package org.starttlslist.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.starttlslist.model.PolicyList;

/**
 * The one checklist every consumer runs on a signed list (verify, the release self-check, the
 * mirror, export).
 *
 * <p>SKELETON: issue #4 implements it; the signatures here are the contract that release (#5)
 * and mirror (#6) code against. On failure it throws a subclass of
 * {@link org.starttlslist.failure.RejectedException} naming the reason.
 */
public final class ListVerifier {
    /** What to verify against: pinned keys, the reference time, and the consumer's last list. */
    public record Options(
            List<Path> pinnedKeyFiles,
            Instant now,
            int threshold,
            Duration skew,
            Optional<byte[]> previous) {}

    /** A list that passed every check, with the facts to show. */
    public record Verified(
            PolicyList list,
            List<String> signerFingerprints,
            Instant signatureTime,
            boolean unchangedFromPrevious) {}

    private ListVerifier() {}

    public static Verified verify(byte[] list, byte[] signature, Options options) {
        throw new UnsupportedOperationException("verify is not implemented yet (issue #4)");
    }
}
