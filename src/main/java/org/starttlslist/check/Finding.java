package org.starttlslist.check;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing the checker observed: which check ({@code code}), on which MX host and address (empty
 * for domain-wide findings), what it saw, and what the operator should do about it.
 */
public record Finding(
        FindingCode code,
        Severity severity,
        Optional<String> host,
        Optional<String> address,
        String observed,
        String fix) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(fix, "fix");
    }

    /** A domain-wide finding at its code's usual severity. */
    static Finding of(FindingCode code, String observed, String fix) {
        return new Finding(
                code, code.severity(), Optional.empty(), Optional.empty(), observed, fix);
    }

    /** A finding about one MX host (and one of its addresses, when known). */
    static Finding about(
            FindingCode code, String host, String address, String observed, String fix) {
        return new Finding(
                code,
                code.severity(),
                Optional.of(host),
                Optional.ofNullable(address),
                observed,
                fix);
    }

    Finding withSeverity(Severity other) {
        return new Finding(code, other, host, address, observed, fix);
    }
}
