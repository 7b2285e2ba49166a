package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one JSON layout we write (see {@code package-info.java}): Python's
 * {@code json.dumps(value, indent=2)} with its default ASCII escaping, plus a final newline.
 *
 * <p>Values are {@link String}, {@link Map} (written in its iteration order, so callers pass an
 * ordered map), {@link List}, {@link Boolean}, {@link RawNumber} and {@code null} (the last three
 * only occur when {@code fmt} keeps a field that validation will report). A hand-written emitter rather than Jackson's pretty printer:
 * the bytes are a contract, and a library upgrade must not be able to change them.
 */
final class CanonicalJson {
    private static final String INDENT = "  ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    static byte[] toBytes(Object value) {
        StringBuilder out = new StringBuilder(4096);
        write(out, value, 0);
        out.append('\n');
        // Every character written is ASCII, so US-ASCII and UTF-8 give the same bytes.
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON number, written as Jackson reads it back out (fmt keeps numbers only in fields validate reports). */
    record RawNumber(String text) {}

    private static void write(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof RawNumber number) {
            out.append(number.text());
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, depth);
        } else if (value instanceof List<?> list) {
            array(out, list, depth);
        } else {
            throw new IllegalArgumentException("cannot write " + value + " as canonical JSON");
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, depth + 1);
            string(out, (String) entry.getKey());
            out.append(": ");
            write(out, entry.getValue(), depth + 1);
        }
        newline(out, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object element : list) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, depth + 1);
            write(out, element, depth + 1);
        }
        newline(out, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    /** As Python's {@code json.dumps} with {@code ensure_ascii=True}. */
    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c <= 0x7e) {
                        out.append(c);
                    } else {
                        // A char is a UTF-16 unit, so characters above U+FFFF come out as the
                        // surrogate pair Python writes.
                        out.append("\\u")
                                .append(HEX[(c >> 12) & 0xf])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                    }
                }
            }
        }
        out.append('"');
    }
}
