package org.starttlslist.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One MX host's one address, probed once per run: whether it answered, how long its greeting took,
 * what TLS showed, and the findings about it.
 */
public record AddressProbe(
        String host,
        String address,
        Outcome outcome,
        Optional<Duration> greetingDelay,
        Optional<TlsObservation> tls,
        List<Finding> findings) {
    public AddressProbe {
        findings = List.copyOf(findings);
    }

    public enum Outcome {
        /** STARTTLS with a valid certificate for the host, TLS 1.2 or later. */
        PASSED("passed"),
        /** It answered, and failed a check. */
        FAILED("failed"),
        /** No TCP connection (refused, timed out, no route). */
        UNREACHABLE("unreachable");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
