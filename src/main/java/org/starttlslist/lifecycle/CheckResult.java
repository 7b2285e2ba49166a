package org.starttlslist.lifecycle;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one domain's daily check, as a shard's results file carries it.
 *
 * @param codes stable failure codes (empty when it passed)
 * @param detail one line a contact can act on (what failed and the fix); empty when it passed
 * @param mxHosts the MX hosts found, for the report
 */
public record CheckResult(
        String domain, boolean passed, List<String> codes, String detail, List<String> mxHosts) {
    public CheckResult {
        Objects.requireNonNull(domain, "domain");
        codes = List.copyOf(codes);
        Objects.requireNonNull(detail, "detail");
        mxHosts = List.copyOf(mxHosts);
        if (passed != codes.isEmpty()) {
            throw new IllegalArgumentException(
                    domain + ": a check passes exactly when it has no failure codes");
        }
    }

    public static CheckResult pass(String domain, List<String> mxHosts) {
        return new CheckResult(domain, true, List.of(), "", mxHosts);
    }

    public static CheckResult fail(String domain, List<String> codes, String detail) {
        return new CheckResult(domain, false, codes, detail, List.of());
    }
}
