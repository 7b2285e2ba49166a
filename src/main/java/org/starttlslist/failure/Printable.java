package org.starttlslist.failure;

/**
 * Text from an input (a domain, an alias, a server's header) made safe to print on one line:
 * control characters, DEL, C1 controls and bidirectional overrides are shown as escapes. Why: a
 * name with a newline would break the one-line error format, and an escape sequence would rewrite
 * the operator's terminal.
 */
public final class Printable {
    private Printable() {}

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> unsafe(c) ? String.format("\\u%04X", (int) c) : null;
        };
    }

    private static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028
                || c == 0x2029
                || c == 0x200e
                || c == 0x200f;
    }
}
