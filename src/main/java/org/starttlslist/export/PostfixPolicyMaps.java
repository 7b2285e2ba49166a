package org.starttlslist.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds our table to Postfix's {@code smtp_tls_policy_maps} without losing what is there. Postfix
 * asks the maps in order and the first answer wins, so ours goes last: an MTA-STS resolver (a
 * {@code socketmap:} such as postfix-mta-sts-resolver) or the operator's own table keeps
 * precedence, as the predecessor's USAGE.md advised. The value is never replaced.
 */
public final class PostfixPolicyMaps {
    public static final String PARAMETER = "smtp_tls_policy_maps";

    private PostfixPolicyMaps() {}

    /**
     * The maps named in a parameter value (Postfix separates them by commas and/or white space).
     */
    public static List<String> maps(String value) {
        List<String> maps = new ArrayList<>();
        for (String part : value.strip().split("[,\\s]+")) {
            if (!part.isEmpty()) {
                maps.add(part);
            }
        }
        return maps;
    }

    /**
     * The new value: {@code current} as it is, then {@code table}; empty when {@code table} is
     * already there.
     */
    public static Optional<String> compose(String current, String table) {
        if (maps(current).contains(table)) {
            return Optional.empty();
        }
        String kept = current.strip();
        return Optional.of(kept.isEmpty() ? table : kept + ", " + table);
    }

    /**
     * What the operator runs, given what {@code postconf} reported ({@code current} empty when it
     * could not be asked). {@code postconfOptions} is e.g. {@code "-c /etc/postfix-out "} or "".
     */
    public static List<String> advice(
            String table, Optional<String> current, String postconfOptions) {
        List<String> lines = new ArrayList<>();
        if (current.isEmpty()) {
            lines.add(
                    "Then add "
                            + table
                            + " to "
                            + PARAMETER
                            + " in main.cf, AFTER any maps already there (an MTA-STS");
            lines.add(
                    "resolver keeps precedence). 'postconf -h "
                            + PARAMETER
                            + "' shows the current value; if it is empty:");
            lines.add("  postconf " + postconfOptions + "-e '" + PARAMETER + " = " + table + "'");
            return lines;
        }
        lines.add(
                "Current "
                        + PARAMETER
                        + " (postconf): "
                        + (current.get().isBlank() ? "(empty)" : current.get()));
        Optional<String> composed = compose(current.get(), table);
        if (composed.isEmpty()) {
            lines.add("It already uses " + table + "; nothing to change in main.cf.");
        } else {
            lines.add(
                    "Add the table after the maps already there (they keep precedence), without replacing them:");
            lines.add(
                    "  postconf "
                            + postconfOptions
                            + "-e '"
                            + PARAMETER
                            + " = "
                            + composed.get()
                            + "'");
        }
        return lines;
    }
}
