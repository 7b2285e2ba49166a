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
     * checked without pattern matching (for {@code add} without {@code --mx}); the result's
     * {@code mxHosts} then suggests the patterns.
     */
    CheckResult check(String domain, List<MxPattern> patterns);
}
