package org.starttlslist.source;

import java.util.List;

/** Everything a build reads: the settings and every domain and alias source, as loaded. */
public record SourceSet(
        ListSettings settings, List<DomainSource> domains, List<AliasSource> aliases) {
    public SourceSet {
        domains = List.copyOf(domains);
        aliases = List.copyOf(aliases);
    }
}
