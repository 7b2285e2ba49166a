package org.starttlslist.validate;

import java.util.List;
import java.util.Optional;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.ListSettings;

/**
 * What a validation run found and loaded, keeping of each domain what its {@link DomainKeeper}
 * kept. {@code report} holds the findings only (its {@code sources} is empty: what was loaded is
 * here). {@code settings} is present when {@code release/config.json} could be loaded; the aliases
 * are sorted by name, the domains in the keeper's order.
 *
 * @param <T> what was kept of each domain
 */
public record Validation<T>(
        ValidationReport report,
        Optional<ListSettings> settings,
        List<AliasSource> aliases,
        List<T> domains) {}
