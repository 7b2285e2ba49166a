package org.starttlslist.mirror;

import java.net.URI;

/**
 * An HTTPS source redirected to another host (or away from HTTPS), which a mirror never follows.
 */
public final class RedirectRefusedException extends FetchFailedException {
    private static final long serialVersionUID = 1L;
    private final URI from;
    private final URI to;

    public RedirectRefusedException(URI from, URI to) {
        super(
                from.toString(),
                "it redirects to "
                        + to
                        + ", another host or scheme; a mirror follows redirects only"
                        + " within the same https host. Point --from at the final location if it is trustworthy");
        this.from = from;
        this.to = to;
    }

    public URI from() {
        return from;
    }

    public URI to() {
        return to;
    }
}
