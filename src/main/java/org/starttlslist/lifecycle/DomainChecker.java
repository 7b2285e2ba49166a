package org.starttlslist.lifecycle;

import java.util.List;
import org.starttlslist.model.MxPattern;

/**
 * The live check of one domain, as the lifecycle needs it (the {@code check} feature provides the
 * real one; tests of the rules give synthetic ones).
 */
public interface DomainChecker {
    /**
     * Checks the domain's mail servers. With {@code patterns} empty, the MX hosts found in DNS are
     * checked without pattern matching (for {@code add} without {@code --mx}); the result's {@code
     * mxHosts} then suggests the patterns.
     */
    CheckResult check(String domain, List<MxPattern> patterns);

    /** One domain to check and the patterns to hold it to (empty: none). */
    record Request(String domain, List<MxPattern> patterns) {}

    /**
     * Checks many domains, in request order; a checker that can should probe an MX host shared by
     * several of them once.
     */
    default List<CheckResult> checkAll(List<Request> requests) {
        return requests.stream()
                .map(request -> check(request.domain(), request.patterns()))
                .toList();
    }
}
