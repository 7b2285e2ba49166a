package org.starttlslist.source;

import java.nio.file.Path;

/**
 * Where things live in a list repository. Every command that works on a repository resolves its
 * paths here, from the directory given by {@code -C} or the current one.
 */
public record ListRepository(Path root) {
    public ListRepository {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code policies/}: one {@code <domain>.json} per mail domain. */
    public Path policiesDir() {
        return root.resolve("policies");
    }

    /** {@code policies/aliases/}: one {@code <name>.json} per shared policy. */
    public Path aliasesDir() {
        return policiesDir().resolve("aliases");
    }

    /** {@code release/}: settings, maintainers' keys and the published pair. */
    public Path releaseDir() {
        return root.resolve("release");
    }

    public Path configFile() {
        return releaseDir().resolve("config.json");
    }

    /** {@code release/keys/}: the maintainers' public keys, the ones mirrors pin. */
    public Path keysDir() {
        return releaseDir().resolve("keys");
    }

    public Path publishedList() {
        return releaseDir().resolve("policy.json");
    }

    public Path publishedSignature() {
        return releaseDir().resolve("policy.json.asc");
    }

    /** A path as the user should see it in messages: relative to the repository, with '/'. */
    public String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.startsWith(root)) {
            return root.relativize(absolute).toString().replace('\\', '/');
        }
        return path.toString();
    }
}
