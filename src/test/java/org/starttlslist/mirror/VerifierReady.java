package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.starttlslist.verify.ListVerifier;

/**
 * TEMPORARY: skips mirror tests while {@link ListVerifier} is still issue #4's skeleton on this
 * branch. Removed once the real verifier is merged from main.
 */
final class VerifierReady {
    private VerifierReady() {}

    static void assume() {
        try {
            ListVerifier.verify(new byte[0], new byte[0],
                    new ListVerifier.Options(List.of(), Instant.EPOCH, 1, Duration.ZERO, Optional.empty()));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "skipped: ListVerifier is not implemented on this branch yet (issue #4)");
        } catch (RuntimeException e) {
            // implemented: it refused the empty input, as it should
        }
    }
}
