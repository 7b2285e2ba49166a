package org.starttlslist.model;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The fingerprint of an OpenPGP v4 key: 40 hex digits, held in the one form the program prints and
 * compares, upper case without spaces ({@code 5B3E3DB3EC7DE6379EAEB20D93B7838E1AD8569F}).
 *
 * <p>{@link #parse} takes what people paste from {@code gpg --fingerprint} (groups of four with
 * spaces, lower case) and normalises it once; anything else is refused with a sentence that says
 * what it is instead (a key ID, a v6 fingerprint) and where to get the right one. The constructor
 * takes only the canonical form, so a {@code Fingerprint} is canonical by construction and two of
 * them are equal exactly when they name the same key.
 */
public record Fingerprint(String hex) implements Comparable<Fingerprint> {
    /** A v4 fingerprint is SHA-1 sized: 20 bytes, 40 hex digits. */
    public static final int HEX_DIGITS = 40;

    private static final String WHERE = " (gpg --with-colons --fingerprint)";

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!isCanonical(hex)) {
            throw new IllegalArgumentException(
                    "fingerprint '"
                            + hex
                            + "' is not in canonical form (40 upper-case hex digits, no spaces)");
        }
    }

    /**
     * The fingerprint {@code text} names, written with or without the spaces gpg prints and in
     * either case.
     *
     * @throws IllegalArgumentException with a message naming what {@code text} is instead
     */
    public static Fingerprint parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an OpenPGP v4 fingerprint: " + problem.get());
        }
        return new Fingerprint(compact(text));
    }

    /** The fingerprint {@code text} names, or empty when {@link #parse} would refuse it. */
    public static Optional<Fingerprint> tryParse(String text) {
        return problem(text).isEmpty()
                ? Optional.of(new Fingerprint(compact(text)))
                : Optional.empty();
    }

    /**
     * Why {@link #parse} refuses {@code text}, as a phrase after "is not an OpenPGP v4 fingerprint:
     * ", or empty when it accepts it.
     */
    public static Optional<String> problem(String text) {
        String compact = text == null ? "" : compact(text);
        if (!compact.isEmpty() && isHex(compact)) {
            switch (compact.length()) {
                case HEX_DIGITS:
                    return Optional.empty();
                case 8, 16:
                    return Optional.of(
                            "that is a key ID; give the full 40-digit fingerprint" + WHERE);
                case 64:
                    return Optional.of(
                            "that is a v6 fingerprint (64 hex digits); the list's keys are v4,"
                                    + " with 40-digit fingerprints");
                default:
                    break;
            }
        }
        return Optional.of("a v4 OpenPGP fingerprint is 40 hex digits" + WHERE);
    }

    /** True when {@code text} is already in the canonical form: 40 upper-case hex digits. */
    public static boolean isCanonical(String text) {
        if (text == null || text.length() != HEX_DIGITS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fingerprint of 20 bytes, as a key or a signature's issuer-fingerprint subpacket holds.
     */
    public static Fingerprint of(byte[] fingerprint) {
        if (fingerprint.length != HEX_DIGITS / 2) {
            throw new IllegalArgumentException(
                    "a v4 fingerprint is 20 bytes, not " + fingerprint.length);
        }
        return new Fingerprint(HexFormat.of().withUpperCase().formatHex(fingerprint));
    }

    /** The 16-digit key ID: the low 64 bits of a v4 fingerprint. */
    public String keyId() {
        return hex.substring(HEX_DIGITS - 16);
    }

    @Override
    public int compareTo(Fingerprint other) {
        return hex.compareTo(other.hex);
    }

    /** The canonical form, as every message and every output prints it. */
    @Override
    public String toString() {
        return hex;
    }

    /** Spaces removed and ASCII letters upper-cased: the form the rules are checked on. */
    private static String compact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                continue;
            }
            out.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
        }
        return out.toString();
    }

    private static boolean isHex(String compact) {
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
