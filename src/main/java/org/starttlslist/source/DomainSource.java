package org.starttlslist.source;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.starttlslist.model.Policy;

/**
 * One {@code policies/<domain>.json}: the published policy and the fields that stay in the
 * repository ({@code contact}, {@code testing-since}).
 */
public record DomainSource(
        Path file,
        String domain,
        Policy policy,
        String contact,
        Optional<LocalDate> testingSince) {}
