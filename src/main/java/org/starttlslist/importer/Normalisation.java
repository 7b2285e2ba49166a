package org.starttlslist.importer;

/**
 * One change import made to what the list said, reported to the user one line each.
 *
 * @param pointer where in the imported list (RFC 6901 JSON pointer)
 * @param message what was changed, e.g. {@code MX 'ASPMX.L.GOOGLE.COM' written as
 *     'aspmx.l.google.com'}
 */
public record Normalisation(String pointer, String message) {
    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
