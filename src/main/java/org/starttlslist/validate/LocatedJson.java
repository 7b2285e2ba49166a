package org.starttlslist.validate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.starttlslist.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON document with the line and column where each value starts, keyed by JSON pointer, so that
 * every finding points at the offending value, not at the file.
 *
 * <p>Built from the program's one mapper ({@link Json#mapper()}) with its nesting limit, but with
 * duplicate-key detection done here instead of by Jackson: Jackson stops at the first duplicate,
 * while a contributor should see every duplicate key at once, each at its own position.
 *
 * <p>Positions are found only when someone asks for one, by reading the same text again: nearly
 * every file has no finding, and recording a pointer and a location for each of its values was a
 * large share of validating 100,000 files. A file with a duplicate key is read with positions at
 * once, since each duplicate is reported where it stands.
 */
final class LocatedJson {
    private static final ObjectReader READER =
            Json.mapper().reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** A 1-based line and column (in characters). */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);

        static Position of(TokenStreamLocation location) {
            if (location == null) {
                return START;
            }
            return new Position(
                    Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }
    }

    /** A key that appears a second time in the same object, at the second occurrence. */
    record DuplicateKey(String pointer, String key, Position position) {}

    /** The input is not one JSON value; {@code tooDeep} when it nests beyond the limit. */
    static final class Unparseable extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Position position;
        final boolean tooDeep;

        Unparseable(String message, Position position, boolean tooDeep) {
            super(message);
            this.position = position;
            this.tooDeep = tooDeep;
        }
    }

    private final JsonNode root;
    private final List<DuplicateKey> duplicateKeys;

    /** The text, a String or ASCII bytes, kept to find positions when first asked for. */
    private final Object source;

    private Map<String, Position> positions;

    private LocatedJson(
            JsonNode root,
            Map<String, Position> positions,
            List<DuplicateKey> duplicateKeys,
            Object source) {
        this.root = root;
        this.positions = positions;
        this.duplicateKeys = duplicateKeys;
        this.source = source;
    }

    JsonNode root() {
        return root;
    }

    List<DuplicateKey> duplicateKeys() {
        return duplicateKeys;
    }

    /** Where each value starts, by JSON pointer (read again from the text on the first call). */
    Map<String, Position> positions() {
        if (positions == null) {
            try {
                positions = read(source, true).positions;
            } catch (Unparseable e) {
                throw new IllegalStateException("the text parsed once and not a second time", e);
            }
        }
        return positions;
    }

    /** Where the value at {@code pointer} starts; for an absent member, where its object starts. */
    Position positionOf(String pointer) {
        Map<String, Position> positions = positions();
        String current = pointer;
        while (true) {
            Position found = positions.get(current);
            if (found != null) {
                return found;
            }
            if (current.isEmpty()) {
                return Position.START;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }

    static LocatedJson parse(String text) throws Unparseable {
        return read(text, false);
    }

    /** The same as {@link #parse(String)} for bytes that are all ASCII, without decoding them. */
    static LocatedJson parseAscii(byte[] ascii) throws Unparseable {
        try {
            return read(ascii, false);
        } catch (Unparseable e) {
            // Jackson's byte and character parsers word some errors differently; a broken file
            // is read again as text so that its message is the same whichever way it came in.
            return parse(new String(ascii, StandardCharsets.ISO_8859_1));
        }
    }

    private static LocatedJson read(Object source, boolean locate) throws Unparseable {
        Map<String, Position> positions = locate ? new HashMap<>() : null;
        List<DuplicateKey> duplicates = new ArrayList<>();
        boolean[] duplicateSeen = {false};
        try (JsonParser parser =
                source instanceof String text
                        ? READER.createParser(text)
                        : READER.createParser((byte[]) source)) {
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new Unparseable("holds no JSON value", Position.START, false);
                }
                JsonNode root =
                        locate
                                ? value(parser, "", positions, duplicates)
                                : value(parser, duplicateSeen);
                if (parser.nextToken() != null) {
                    throw new Unparseable(
                            "has more after the end of the top-level value",
                            Position.of(parser.currentTokenLocation()),
                            false);
                }
                if (duplicateSeen[0]) {
                    return read(source, true);
                }
                return new LocatedJson(root, positions, duplicates, source);
            } catch (StreamConstraintsException e) {
                // The exception carries no location; the parser stands just past the opening
                // bracket that went one level too deep.
                throw new Unparseable(
                        e.getOriginalMessage(), Position.of(parser.currentTokenLocation()), true);
            }
        } catch (JacksonException e) {
            return rethrow(e, false);
        }
    }

    private static LocatedJson rethrow(JacksonException e, boolean tooDeep) throws Unparseable {
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        throw new Unparseable(
                newline < 0 ? message : message.substring(0, newline),
                Position.of(e.getLocation()),
                tooDeep);
    }

    /**
     * Reads the value whose first token is current, without positions; notes in {@code
     * duplicateSeen} a key that appears twice (the caller then reads again with positions).
     */
    private static JsonNode value(JsonParser parser, boolean[] duplicateSeen) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        JsonNode child = value(parser, duplicateSeen);
                        if (object.putIfAbsent(key, child) != null) {
                            duplicateSeen[0] = true;
                        }
                    }
                    return object;
                }
            case START_ARRAY:
                {
                    ArrayNode array = JsonNodeFactory.instance.arrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(parser, duplicateSeen));
                    }
                    return array;
                }
            default:
                return scalar(parser, token);
        }
    }

    /**
     * Reads the value whose first token is current; recursion depth is bounded by the mapper's
     * nesting limit.
     */
    private static JsonNode value(
            JsonParser parser,
            String pointer,
            Map<String, Position> positions,
            List<DuplicateKey> duplicates) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        positions.put(pointer, Position.of(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                {
                    ObjectNode object = nodes.objectNode();
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String key = parser.currentName();
                        Position keyPosition = Position.of(parser.currentTokenLocation());
                        String child = pointer + "/" + escape(key);
                        parser.nextToken();
                        if (object.has(key)) {
                            duplicates.add(new DuplicateKey(child, key, keyPosition));
                            Position first = positions.get(child);
                            value(parser, child, positions, duplicates);
                            positions.put(child, first);
                        } else {
                            object.set(key, value(parser, child, positions, duplicates));
                        }
                    }
                    return object;
                }
            case START_ARRAY:
                {
                    ArrayNode array = nodes.arrayNode();
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(value(parser, pointer + "/" + index++, positions, duplicates));
                    }
                    return array;
                }
            default:
                return scalar(parser, token);
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case VALUE_STRING:
                return nodes.stringNode(parser.getString());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(new BigInteger(parser.getString()));
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    /** RFC 6901: '~' becomes "~0" and '/' becomes "~1". */
    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return key;
        }
        return key.replace("~", "~0").replace("/", "~1");
    }
}
