package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one JSON layout we write (see {@code package-info.java}): Python's {@code json.dumps(value,
 * indent=2)} with its default ASCII escaping, plus a final newline.
 *
 * <p>Two ways in: {@link #toBytes(Object)} writes a tree of {@link String}, {@link Map} (in its
 * iteration order, so callers pass an ordered map), {@link List}, {@link Boolean}, {@link
 * RawNumber} and {@code null} (the last three only occur when {@code fmt} keeps a field that
 * validate will report); an instance is a streaming emitter, which the list writer uses so that a
 * 100,000-domain list is not first built as a tree of maps. A hand-written emitter rather than
 * Jackson's pretty printer: the bytes are a contract, and a library upgrade must not be able to
 * change them.
 */
final class CanonicalJson {
    private static final String INDENT = "  ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * A JSON number, written as Jackson reads it back out (fmt keeps numbers only in fields
     * validate reports).
     */
    record RawNumber(String text) {}

    private final StringBuilder out;

    /** Members or elements written so far in each open container, innermost last. */
    private int[] counts = new int[16];

    private int depth;

    CanonicalJson(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    static byte[] toBytes(Object value) {
        CanonicalJson json = new CanonicalJson(4096);
        json.value(value);
        return json.finish();
    }

    /** The document with its final newline. Every character written is ASCII. */
    byte[] finish() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed container");
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    CanonicalJson beginObject() {
        return open('{');
    }

    CanonicalJson endObject() {
        return close('}');
    }

    CanonicalJson beginArray() {
        return open('[');
    }

    CanonicalJson endArray() {
        return close(']');
    }

    /** Starts a member of the current object; its value follows. */
    CanonicalJson key(String key) {
        element();
        string(out, key);
        out.append(": ");
        return this;
    }

    /** A string as an array element (after {@link #key}, use {@link #stringValue}). */
    CanonicalJson stringElement(String text) {
        element();
        string(out, text);
        return this;
    }

    CanonicalJson stringValue(String text) {
        string(out, text);
        return this;
    }

    /** Writes a tree value in the current position (after a key, or as the document). */
    void value(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof RawNumber number) {
            out.append(number.text());
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Map<?, ?> map) {
            beginObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                key((String) entry.getKey());
                value(entry.getValue());
            }
            endObject();
        } else if (value instanceof List<?> list) {
            beginArray();
            for (Object element : list) {
                element();
                value(element);
            }
            endArray();
        } else {
            throw new IllegalArgumentException("cannot write " + value + " as canonical JSON");
        }
    }

    private CanonicalJson open(char bracket) {
        out.append(bracket);
        if (depth == counts.length) {
            counts = java.util.Arrays.copyOf(counts, depth * 2);
        }
        counts[depth++] = 0;
        return this;
    }

    private CanonicalJson close(char bracket) {
        int written = counts[--depth];
        if (written > 0) {
            newline(depth);
        }
        // An empty container stays on one line: {} or [].
        out.append(bracket);
        return this;
    }

    /** Before each member or element: a comma after the previous one, then a new indented line. */
    private void element() {
        if (counts[depth - 1]++ > 0) {
            out.append(',');
        }
        newline(depth);
    }

    private void newline(int level) {
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append(INDENT);
        }
    }

    /** As Python's {@code json.dumps} with {@code ensure_ascii=True}. */
    static void string(StringBuilder out, String text) {
        out.append('"');
        if (isPlain(text)) {
            // Domain names and MX patterns: nothing to escape, so one bulk append.
            out.append(text).append('"');
            return;
        }
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

    /**
     * True when every character is printable ASCII other than '"' and '\\': written as it is,
     * between quotes.
     */
    static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
