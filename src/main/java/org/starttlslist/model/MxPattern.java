package org.starttlslist.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An allowed MX host name: a full name ({@code mx1.example.com}) or a suffix with a leading dot
 * ({@code .mail.example.com}) that matches exactly one more label, as the predecessor's RULES.md
 * defines it ({@code .example.com} matches {@code mx.example.com}, not {@code a.mx.example.com}).
 */
public record MxPattern(String value) implements Comparable<MxPattern> {
    public MxPattern {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("MX pattern '" + value + "' " + problem.get());
        }
    }

    /** Why {@code text} is not a valid MX pattern, or empty when it is. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("is empty");
        }
        // The common case, a valid name, is settled without copying the suffix's name.
        if (HostNames.isWellFormed(text, text.startsWith(".") ? 1 : 0)) {
            return Optional.empty();
        }
        String host = text.startsWith(".") ? text.substring(1) : text;
        return HostNames.problem(host);
    }

    public boolean isSuffix() {
        return value.startsWith(".");
    }

    /**
     * Whether a server's host name (already lower-case, no trailing dot) is allowed by this
     * pattern.
     */
    public boolean matches(String hostName) {
        if (!isSuffix()) {
            return value.equals(hostName);
        }
        if (!hostName.endsWith(value)) {
            return false;
        }
        String first = hostName.substring(0, hostName.length() - value.length());
        return !first.isEmpty() && first.indexOf('.') < 0;
    }

    /*
     * equals and hashCode written out: a record's own are bootstrapped through invokedynamic on
     * their first call, ~20 ms of method handles spun at run time in a short command (build once
     * met it after every file was checked).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MxPattern pattern && value.equals(pattern.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(MxPattern other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
