package org.starttlslist.check;

import java.time.Instant;
import java.util.List;

/**
 * The result of one run: the instant it was made for, and one report per domain, in request order.
 */
public record CheckReport(Instant checkedAt, List<DomainReport> domains) {
    public CheckReport {
        domains = List.copyOf(domains);
    }

    /** The worst verdict decides: any could-not-check wins, then any not-eligible. */
    public Verdict overall() {
        if (domains.stream().anyMatch(d -> d.verdict() == Verdict.COULD_NOT_CHECK)) {
            return Verdict.COULD_NOT_CHECK;
        }
        if (domains.stream().anyMatch(d -> d.verdict() == Verdict.NOT_ELIGIBLE)) {
            return Verdict.NOT_ELIGIBLE;
        }
        if (domains.stream().anyMatch(d -> d.verdict() == Verdict.ELIGIBLE_WITH_WARNINGS)) {
            return Verdict.ELIGIBLE_WITH_WARNINGS;
        }
        return Verdict.ELIGIBLE;
    }
}
