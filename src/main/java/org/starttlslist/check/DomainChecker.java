package org.starttlslist.check;

import java.util.List;
import java.util.Objects;

/**
 * The eligibility checker as a library call: {@code new DomainChecker(settings).check(requests)}.
 * Steps per domain (README, "check"): 1 DNS, 2 each MX host's SMTP and TLS, 3 MX hosts against the
 * policy, 4 MTA-STS and TLS-RPT; then the verdict.
 */
public final class DomainChecker {
    private final CheckSettings settings;

    public DomainChecker(CheckSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Checks every domain, at most {@code settings.concurrency()} at a time; reports in request order. */
    public CheckReport check(List<CheckRequest> requests) {
        throw new UnsupportedOperationException("the checker is being written (issue #11)");
    }

    public DomainReport check(CheckRequest request) {
        return check(List.of(request)).domains().get(0);
    }

    CheckSettings settings() {
        return settings;
    }
}
