package org.starttlslist.listfile;

import java.time.Instant;
import java.util.Optional;
import org.starttlslist.json.Json;
import org.starttlslist.model.ListTimes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A list's {@code timestamp} and {@code expires}, read without building the list.
 *
 * <p>Why: a mirror compares every download with the list it has installed, which it verified when
 * it installed it. It needs that list's two instants, not its 100,000 policies; streaming past them
 * is a fraction of the cost of a full parse of a large list.
 */
public record ListValidity(Instant timestamp, Instant expires) {

    /** The two instants of a published list; empty when the bytes are not such a list. */
    public static Optional<ListValidity> read(byte[] list) {
        Instant timestamp = null;
        Instant expires = null;
        if (Json.indexOfNul(list) >= 0) {
            return Optional.empty(); // UTF-16 or UTF-32: not a list (Json.readStrict says why)
        }
        try (JsonParser parser = Json.mapper().createParser(list)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken();
                    token == JsonToken.PROPERTY_NAME;
                    token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("timestamp".equals(name)) {
                    timestamp = instant(parser, value).orElse(null);
                } else if ("expires".equals(name)) {
                    expires = instant(parser, value).orElse(null);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (timestamp == null || expires == null) {
            return Optional.empty();
        }
        return Optional.of(new ListValidity(timestamp, expires));
    }

    /**
     * The list's top-level {@code timestamp} found by a scan of the bytes, without tokenizing: what
     * {@code sign} needs to refuse a signature dated before its list. {@code timestamp} sorts after
     * {@code policies}, so {@link #read} would tokenize a whole 20 MB list to reach it; this scan
     * only follows strings and brackets.
     *
     * <p>One-sided: when {@link #read} finds a timestamp, this finds the same one or answers empty.
     * It answers empty whenever it cannot be sure: no object, an escape in a top-level key or in
     * the value, a second top-level {@code timestamp}, a value that is neither a plain string nor
     * an integer, unbalanced brackets. Callers decide a refusal only with {@link #read}.
     */
    public static Optional<Instant> scanTimestamp(byte[] list) {
        int i = skipSpace(list, 0);
        if (i >= list.length || list[i] != '{') {
            return Optional.empty();
        }
        Instant found = null;
        int depth = 0;
        boolean expectKey = false;
        while (i < list.length) {
            byte b = list[i];
            if (b == '"') {
                int end = endOfString(list, i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                if (depth == 1 && expectKey) {
                    expectKey = false;
                    if (indexOf(list, (byte) '\\', i + 1, end) >= 0) {
                        return Optional.empty(); // an escaped key might spell "timestamp"
                    }
                    if (equalsAscii(list, i + 1, end, "timestamp")) {
                        if (found != null) {
                            return Optional.empty();
                        }
                        int colon = skipSpace(list, end + 1);
                        if (colon >= list.length || list[colon] != ':') {
                            return Optional.empty();
                        }
                        int value = skipSpace(list, colon + 1);
                        Optional<Instant> instant = scalarInstant(list, value);
                        if (instant.isEmpty()) {
                            return Optional.empty();
                        }
                        found = instant.get();
                    }
                }
                i = end + 1;
                continue;
            }
            switch (b) {
                case '{', '[' -> {
                    depth++;
                    expectKey = b == '{' && depth == 1;
                }
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        return skipSpace(list, i + 1) == list.length
                                ? Optional.ofNullable(found)
                                : Optional.empty();
                    }
                    if (depth < 0) {
                        return Optional.empty();
                    }
                }
                case ',' -> expectKey = depth == 1;
                default -> {
                    // values, colons, white space
                }
            }
            i++;
        }
        return Optional.empty();
    }

    /** A plain string (no escape) or an integer at {@code at}, read as {@link #read} reads it. */
    private static Optional<Instant> scalarInstant(byte[] list, int at) {
        if (at >= list.length) {
            return Optional.empty();
        }
        if (list[at] == '"') {
            int end = endOfString(list, at + 1);
            if (end < 0 || indexOf(list, (byte) '\\', at + 1, end) >= 0) {
                return Optional.empty();
            }
            return ListTimes.parse(
                    new String(
                            list, at + 1, end - at - 1, java.nio.charset.StandardCharsets.UTF_8));
        }
        int end = at;
        if (end < list.length && list[end] == '-') {
            end++;
        }
        int digits = end;
        while (end < list.length && list[end] >= '0' && list[end] <= '9') {
            end++;
        }
        if (end == digits || end - at > 19) {
            return Optional.empty();
        }
        int after = skipSpace(list, end);
        if (after >= list.length || (list[after] != ',' && list[after] != '}')) {
            return Optional.empty(); // a fraction, an exponent, or not a number
        }
        try {
            return ListTimes.fromEpochSeconds(
                    Long.parseLong(
                            new String(
                                    list,
                                    at,
                                    end - at,
                                    java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond a long: read refuses it too
        }
    }

    /** The index of the closing quote of a string whose content starts at {@code from}, or -1. */
    private static int endOfString(byte[] list, int from) {
        for (int i = from; i < list.length; i++) {
            byte b = list[i];
            if (b == '\\') {
                i++;
            } else if (b == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] list, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (list[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equalsAscii(byte[] list, int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (list[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] list, int from) {
        int i = from;
        while (i < list.length
                && (list[i] == ' ' || list[i] == '\n' || list[i] == '\r' || list[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static Optional<Instant> instant(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return ListTimes.parse(parser.getString());
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.isExpectedNumberIntToken()) {
            return ListTimes.fromEpochSeconds(parser.getLongValue());
        }
        return Optional.empty();
    }
}
