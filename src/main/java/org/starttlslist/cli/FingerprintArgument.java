package org.starttlslist.cli;

import org.starttlslist.model.Fingerprint;

/** A fingerprint given on the command line, normalised at the edge; a bad one is a usage error. */
final class FingerprintArgument {
    private FingerprintArgument() {}

    /**
     * {@code text} as a {@link Fingerprint}; spaces and lower case are fine.
     *
     * @throws UsageException naming {@code option} and what {@code text} is instead
     */
    static Fingerprint parse(String option, String text) {
        try {
            return Fingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }
}
