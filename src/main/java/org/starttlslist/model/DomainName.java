package org.starttlslist.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A mail domain in the form the list stores it: lower-case A-labels, no trailing dot, and the
 * grammar of {@link HostNames} (the one rule the schema, validate, verify and import apply).
 *
 * <p>{@link #parse} is for names people type (command-line arguments): it folds ASCII case and
 * drops one trailing dot, then checks the rest, so {@code Example.COM.} names {@code example.com}.
 * A Unicode name is not converted silently: the message gives its A-label to write instead. The
 * constructor takes only the stored form; a list's own keys are checked as they are, without
 * folding, by the readers that own them.
 */
public record DomainName(String value) implements Comparable<DomainName> {
    public DomainName {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = HostNames.problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not a domain name: the name " + problem.get());
        }
    }

    /**
     * The domain {@code typed} names, after folding ASCII case and dropping one trailing dot.
     *
     * @throws IllegalArgumentException "'NAME' is not a domain name: the name …", the rest saying
     *     which rule it breaks and how to write it
     */
    public static DomainName parse(String typed) {
        Optional<String> problem = problem(typed);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(
                    "'" + typed + "' is not a domain name: the name " + problem.get());
        }
        return new DomainName(normalise(typed));
    }

    /** The domain {@code typed} names, or empty when {@link #parse} would refuse it. */
    public static Optional<DomainName> tryParse(String typed) {
        return problem(typed).isEmpty()
                ? Optional.of(new DomainName(normalise(typed)))
                : Optional.empty();
    }

    /**
     * Why {@link #parse} refuses {@code typed}, as a phrase that completes "the name …", or empty
     * when it accepts it.
     */
    public static Optional<String> problem(String typed) {
        if (typed == null) {
            return Optional.of("is empty");
        }
        return HostNames.problem(normalise(typed));
    }

    @Override
    public int compareTo(DomainName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String typed) {
        String folded = HostNames.foldCase(typed);
        return folded.endsWith(".") && !folded.endsWith("..")
                ? folded.substring(0, folded.length() - 1)
                : folded;
    }
}
