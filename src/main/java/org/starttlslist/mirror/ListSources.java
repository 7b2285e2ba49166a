package org.starttlslist.mirror;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Reads {@code --from}:
 *
 * <ul>
 *   <li>{@code file:…}, {@code ssh:…}, {@code user@host:path}, {@code git+https://…}, or an {@code
 *       https://…} URL whose path ends in {@code .git}: a git repository (optional {@code #branch};
 *       default the newest {@code list-*} tag);
 *   <li>any other {@code https://…} URL: a base URL serving {@code policy.json} and its {@code
 *       .asc};
 *   <li>anything else: a local directory.
 * </ul>
 *
 * Plain {@code http://} is refused.
 */
public final class ListSources {
    /** git's scp-like form, {@code git@host:path}: an SSH URL. */
    private static final java.util.regex.Pattern SCP_LIKE =
            java.util.regex.Pattern.compile("^[\\w.-]+@[\\w.-]+:[^/].*");

    private ListSources() {}

    /** {@code now}: git tags naming a later instant are skipped. */
    public static ListSource parse(
            String from, MirrorLayout layout, HttpsSettings https, Duration timeout, Instant now) {
        String text = from.trim();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("git+http://")) {
            throw new InvalidSourceException(from, "plain http is not accepted; use https");
        }
        if (lower.startsWith("file:")
                || lower.startsWith("ssh:")
                || lower.startsWith("git+https://")
                || SCP_LIKE.matcher(text).matches()
                || (lower.startsWith("https://") && pathOf(text).endsWith(".git"))) {
            int hash = text.indexOf('#');
            String url = hash < 0 ? text : text.substring(0, hash);
            Optional<String> branch =
                    hash < 0 ? Optional.empty() : Optional.of(text.substring(hash + 1));
            if (branch.isPresent() && branch.get().isBlank()) {
                throw new InvalidSourceException(
                        from, "nothing follows '#'; write URL#BRANCH or leave the '#' out");
            }
            if (url.startsWith("git+")) {
                url = url.substring(4);
            }
            return new GitSource(url, branch, layout, https, timeout, now);
        }
        if (lower.startsWith("https://")) {
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null) {
                    throw new InvalidSourceException(from, "the URL has no host");
                }
                return new HttpsSource(uri, https);
            } catch (URISyntaxException e) {
                throw new InvalidSourceException(from, "not a URL: " + e.getMessage());
            }
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new InvalidSourceException(
                    from, "unknown scheme; use https://, file:, ssh: or a local directory");
        }
        return new DirectorySource(Path.of(text), timeout);
    }

    private static String pathOf(String url) {
        int hash = url.indexOf('#');
        String withoutFragment = hash < 0 ? url : url.substring(0, hash);
        try {
            String path = new URI(withoutFragment).getPath();
            return path == null ? "" : path;
        } catch (URISyntaxException e) {
            return withoutFragment;
        }
    }

    /** {@code --from} names no usable source. */
    public static final class InvalidSourceException extends CouldNotCompleteException {
        private static final long serialVersionUID = 1L;

        public InvalidSourceException(String from, String reason) {
            super("--from '" + from + "': " + reason);
        }
    }
}
