package org.starttlslist.check;

import java.util.List;
import java.util.Optional;
import org.starttlslist.model.MxPattern;

/**
 * Everything the checker learned about one domain. {@code findings} holds every finding, domain and
 * host ones alike, in the order of the checks; {@code suggestedPatterns} is filled only when no
 * policy was given.
 */
public record DomainReport(
        String domain,
        Verdict verdict,
        List<MxHost> mxHosts,
        Optional<MtaStsPolicy> mtaSts,
        List<MxPattern> suggestedPatterns,
        List<Finding> findings) {
    public DomainReport {
        mxHosts = List.copyOf(mxHosts);
        suggestedPatterns = List.copyOf(suggestedPatterns);
        findings = List.copyOf(findings);
    }
}
