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
