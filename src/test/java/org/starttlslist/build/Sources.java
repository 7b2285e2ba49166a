package org.starttlslist.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.AliasSource;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListSettings;

/** Small builders for source sets in tests. */
final class Sources {
    private Sources() {}

    static ListSettings settings(int validityDays, int minimumDays) {
        return new ListSettings(
                "test author",
                "0.1",
                Duration.ofDays(validityDays),
                Duration.ofDays(minimumDays),
                "main",
                List.of(),
                Optional.empty());
    }

    static InlinePolicy inline(Mode mode, String... mxs) {
        return new InlinePolicy(mode, Arrays.stream(mxs).map(MxPattern::new).toList());
    }

    static DomainSource domain(String name, Mode mode, String... mxs) {
        return new DomainSource(
                Path.of("policies", name + ".json"),
                name,
                inline(mode, mxs),
                "postmaster@" + name,
                Optional.empty());
    }

    static DomainSource domain(String name, String alias) {
        return new DomainSource(
                Path.of("policies", name + ".json"),
                name,
                new AliasReference(alias),
                "postmaster@" + name,
                Optional.empty());
    }

    static AliasSource alias(String name, Mode mode, String... mxs) {
        return new AliasSource(
                Path.of("policies", "aliases", name + ".json"), name, inline(mode, mxs));
    }
}
