package org.starttlslist.check;

import java.io.IOException;

/** The resolver failed, timed out or answered SERVFAIL/REFUSED: the domain could not be checked. */
final class DnsFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    DnsFailedException(String message) {
        super(message);
    }

    DnsFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
