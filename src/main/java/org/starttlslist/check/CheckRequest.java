package org.starttlslist.check;

import java.util.Objects;
import java.util.Optional;

/**
 * One domain to check, as the user wrote it (U-label or A-label), and the policy to hold it to, if
 * any.
 */
public record CheckRequest(String domain, Optional<ListPolicy> policy) {
    public CheckRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(policy, "policy");
    }

    public static CheckRequest withoutPolicy(String domain) {
        return new CheckRequest(domain, Optional.empty());
    }
}
