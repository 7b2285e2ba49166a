package org.starttlslist.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a shared policy: a key of {@code policy-aliases} and the file name {@code
 * policies/aliases/<name>.json}. One rule for every reader, the one the source schema states:
 * lower-case letters, digits, '.', '_' and '-', starting and ending with a letter or digit, at most
 * 64 characters (so it is always a safe file name).
 */
public record AliasName(String value) implements Comparable<AliasName> {
    /** The rule, as in {@code domain-source.schema.json#/$defs/aliasName}. */
    public static final Pattern RULE = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");

    /** How the rule reads in a message. */
    public static final String RULE_TEXT =
            "lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit,"
                    + " at most 64 characters";

    public AliasName {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("alias name '" + value + "' is not " + RULE_TEXT);
        }
    }

    /** True when {@code text} is an alias name as written in the list and in file names. */
    public static boolean isValid(String text) {
        return text != null && RULE.matcher(text).matches();
    }

    /** The alias name {@code text} is, or empty when it is not one. */
    public static Optional<AliasName> parse(String text) {
        return isValid(text) ? Optional.of(new AliasName(text)) : Optional.empty();
    }

    @Override
    public int compareTo(AliasName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
