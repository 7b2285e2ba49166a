package org.starttlslist.cli;

/** A command line that parses but makes no sense (exit 2): say which option and what to do. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
