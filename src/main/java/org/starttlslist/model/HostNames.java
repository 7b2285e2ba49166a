package org.starttlslist.model;

import java.net.IDN;
import java.util.Optional;

/**
 * The one grammar for domain names in the list: lower-case A-labels (RFC 5890), letters, digits and
 * hyphens, labels of 1 to 63 characters that neither start nor end with a hyphen, at least two
 * labels, at most 253 characters, no trailing dot. The last label is alphabetic or an IDN A-label
 * ({@code xn--…}); the predecessor's schema wrongly refused the latter.
 */
public final class HostNames {
    public static final int MAX_NAME_LENGTH = 253;
    public static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {}

    /** True when {@code name} is a domain in the form the list stores. */
    public static boolean isCanonicalDomain(String name) {
        return problem(name).isEmpty();
    }

    /** Why {@code name} is not a canonical domain, as a phrase that completes "the name …". */
    public static Optional<String> problem(String name) {
        if (isWellFormed(name)) {
            return Optional.empty();
        }
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with a dot; remove the trailing dot");
        }
        if (name.startsWith("*.")) {
            return Optional.of("starts with '*.'; write a suffix as '.example.com' instead");
        }
        if (hasUpperCase(name)) {
            return Optional.of("has upper-case letters; write it in lower case");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7f) {
                return Optional.of(
                        "is not ASCII; write it as an A-label (punycode), e.g. "
                                + toALabel(name).orElse("xn--…"));
            }
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("has a single label; a mail domain has at least two");
        }
        for (String label : labels) {
            Optional<String> labelProblem = labelProblem(label);
            if (labelProblem.isPresent()) {
                return labelProblem;
            }
        }
        String tld = labels[labels.length - 1];
        if (!tld.startsWith("xn--") && !tld.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return Optional.of(
                    "has a top-level label '"
                            + tld
                            + "' that is neither alphabetic nor an A-label");
        }
        return Optional.empty();
    }

    /**
     * One pass over the characters, no allocation: the common case of a valid name, checked on
     * every domain and MX pattern of a list (hundreds of thousands of times for a large one). When
     * it says no, {@link #problem} works out which rule was broken, slowly and clearly.
     */
    private static boolean isWellFormed(String name) {
        return name != null && isWellFormed(name, 0);
    }

    /**
     * {@link #isWellFormed(String)} on {@code name} from index {@code from} on, without the copy a
     * substring would make (an MX suffix after its leading dot).
     */
    static boolean isWellFormed(String name, int from) {
        if (name.length() <= from || name.length() - from > MAX_NAME_LENGTH) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        boolean alphabetic = true;
        for (int i = from; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0
                        || length > MAX_LABEL_LENGTH
                        || name.charAt(labelStart) == '-'
                        || name.charAt(i - 1) == '-') {
                    return false;
                }
                boolean aLabel = name.startsWith("xn--", labelStart);
                if (length >= 4
                        && name.charAt(labelStart + 2) == '-'
                        && name.charAt(labelStart + 3) == '-'
                        && !aLabel) {
                    return false;
                }
                labels++;
                if (i == name.length()) {
                    return labels >= 2 && (alphabetic || aLabel);
                }
                labelStart = i + 1;
                alphabetic = true;
            } else if (c >= 'a' && c <= 'z') {
                // letters are fine anywhere
            } else if ((c >= '0' && c <= '9') || c == '-') {
                alphabetic = false;
            } else {
                return false;
            }
        }
        return false;
    }

    /**
     * {@link #isCanonicalDomain} on the ASCII text {@code bytes[from, to)}, without making it a
     * String: {@code verify} checks a list's 100,000 domains and their MX names in place. {@code
     * HostNamesTest} holds it to the String form on generated names.
     */
    public static boolean isWellFormed(byte[] bytes, int from, int to) {
        if (to <= from || to - from > MAX_NAME_LENGTH) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        boolean alphabetic = true;
        for (int i = from; i <= to; i++) {
            byte c = i < to ? bytes[i] : (byte) '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0
                        || length > MAX_LABEL_LENGTH
                        || bytes[labelStart] == '-'
                        || bytes[i - 1] == '-') {
                    return false;
                }
                boolean aLabel =
                        labelStart + 4 <= to
                                && bytes[labelStart] == 'x'
                                && bytes[labelStart + 1] == 'n'
                                && bytes[labelStart + 2] == '-'
                                && bytes[labelStart + 3] == '-';
                if (length >= 4
                        && bytes[labelStart + 2] == '-'
                        && bytes[labelStart + 3] == '-'
                        && !aLabel) {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && (alphabetic || aLabel);
                }
                labelStart = i + 1;
                alphabetic = true;
            } else if (c >= 'a' && c <= 'z') {
                // letters are fine anywhere
            } else if ((c >= '0' && c <= '9') || c == '-') {
                alphabetic = false;
            } else {
                return false;
            }
        }
        return false;
    }

    private static Optional<String> labelProblem(String label) {
        if (label.isEmpty()) {
            return Optional.of("has an empty label (two dots in a row)");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return Optional.of("has a label longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            return Optional.of("has a label '" + label + "' that starts or ends with a hyphen");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ldh = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ldh) {
                return Optional.of(
                        "has the character '"
                                + c
                                + "'; only letters, digits, hyphens and dots are allowed");
            }
        }
        if (label.length() >= 4
                && label.charAt(2) == '-'
                && label.charAt(3) == '-'
                && !label.startsWith("xn--")) {
            return Optional.of(
                    "has a label '"
                            + label
                            + "' with '--' in positions 3-4 that is not an A-label");
        }
        return Optional.empty();
    }

    /**
     * {@code name} with ASCII upper-case letters made lower-case, the only folding DNS does (RFC
     * 4343): the same String, with no copy, when there is nothing to fold (every name in a list we
     * publish). Other characters stay as they are, so a non-ASCII letter is still refused by {@link
     * #problem} instead of being turned into an ASCII one ({@code toLowerCase} maps the Kelvin sign
     * U+212A to 'k').
     */
    public static String foldCase(String name) {
        if (!hasUpperCase(name)) {
            return name;
        }
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    /** True when {@code name} has an ASCII upper-case letter, which {@link #foldCase} changes. */
    public static boolean hasUpperCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /**
     * The canonical form of a name someone typed: IDNA A-labels, lower case, no trailing dot. Empty
     * when the name cannot be converted.
     */
    public static Optional<String> toALabel(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            // IDN implements IDNA 2003; for the LDH and common IDN names in the list it agrees
            // with IDNA 2008, and validate still checks the result against our grammar.
            String ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES);
            return Optional.of(foldCase(ascii));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
