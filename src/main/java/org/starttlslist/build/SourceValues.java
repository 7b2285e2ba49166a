package org.starttlslist.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.starttlslist.json.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A source file's JSON as plain values (maps in file order, lists, strings, booleans, null) with
 * every number kept as the exact text of the file ({@link CanonicalJson.RawNumber}). A number read
 * into a double or a BigDecimal and written back is not the same text: {@code 1e400} becomes {@code
 * Infinity} (not JSON), {@code -0} becomes {@code 0}, {@code 1.50} becomes {@code 1.5}, {@code
 * 1.0e+2} becomes {@code 100.0}. {@code fmt} promises to keep values it does not know, so it copies
 * their bytes.
 *
 * <p>Only called on bytes {@link Json#readStrict} accepted, so the input is known to be valid JSON
 * without duplicate keys.
 */
final class SourceValues {
    private SourceValues() {}

    static Object read(byte[] bytes) {
        try (JsonParser parser = Json.mapper().createParser(bytes)) {
            parser.nextToken();
            return value(parser, bytes);
        }
    }

    private static Object value(JsonParser parser, byte[] bytes) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser, bytes));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, bytes));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getString();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new CanonicalJson.RawNumber(
                        numberText(bytes, (int) parser.currentTokenLocation().getByteOffset()));
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** The number token starting at {@code start}: sign, digits, fraction, exponent, as written. */
    private static String numberText(byte[] bytes, int start) {
        int end = start;
        while (end < bytes.length && isNumberByte(bytes[end])) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    }

    private static boolean isNumberByte(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }
}
