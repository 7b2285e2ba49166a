package org.starttlslist.check;

import java.time.Instant;
import java.util.List;

/** What one TLS session with an MX address showed: for the operator, and for the JSON report. */
public record TlsObservation(
        String protocol,
        String cipherSuite,
        String subject,
        String issuer,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        int chainLength) {
    public TlsObservation {
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
