package org.starttlslist.source;

import java.nio.file.Path;
import org.starttlslist.model.InlinePolicy;

/** One {@code policies/aliases/<name>.json}: a shared policy that domains refer to by name. */
public record AliasSource(Path file, String name, InlinePolicy policy) {}
