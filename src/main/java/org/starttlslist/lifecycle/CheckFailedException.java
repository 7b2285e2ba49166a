package org.starttlslist.lifecycle;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/** A domain (or a change to it) did not pass the live check, so the command refused it. */
public final class CheckFailedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String domain;
    private final List<String> codes;

    public CheckFailedException(
            String domain, List<String> codes, String detail, String consequence) {
        super(
                domain
                        + ": the check failed ("
                        + String.join(", ", codes)
                        + "): "
                        + detail
                        + "; "
                        + consequence);
        this.domain = domain;
        this.codes = List.copyOf(codes);
    }

    public String domain() {
        return domain;
    }

    public List<String> codes() {
        return codes;
    }
}
