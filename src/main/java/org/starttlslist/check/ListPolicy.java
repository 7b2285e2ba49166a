package org.starttlslist.check;

import java.util.List;
import java.util.Optional;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;

/** The policy a domain is checked against: the list's entry (aliases resolved), or {@code --mx}. */
public record ListPolicy(List<MxPattern> mx, Optional<Mode> mode) {
    public ListPolicy {
        mx = List.copyOf(mx);
        if (mx.isEmpty()) {
            throw new IllegalArgumentException(
                    "a policy to check against needs at least one MX pattern");
        }
    }

    public boolean allows(String host) {
        return mx.stream().anyMatch(pattern -> pattern.matches(host));
    }
}
