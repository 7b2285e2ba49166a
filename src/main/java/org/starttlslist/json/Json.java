package org.starttlslist.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The program's one configured JSON mapper, and the strict way every file is read.
 *
 * <p>Strict means: UTF-8 only, no byte-order mark, no duplicate object keys (Jackson and Python
 * both silently keep the last one otherwise), nothing after the top-level value, and a nesting
 * limit so that a hostile file is an error, never a stack overflow.
 */
public final class Json {
    /**
     * Deeper than any list or source file needs (they nest four levels), far below a stack risk.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final JsonMapper MAPPER =
            JsonMapper.builder(
                            JsonFactory.builder()
                                    .streamReadConstraints(
                                            StreamReadConstraints.builder()
                                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                                    .build())
                                    .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private Json() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Decodes bytes as strict UTF-8 and parses them as one JSON value.
     *
     * @throws NotJsonException with a message naming what is wrong and, where known, the line and
     *     column
     */
    public static JsonNode readStrict(byte[] bytes) {
        int nul = indexOfNul(bytes);
        if (nul >= 0) {
            // JSON text never holds a raw NUL; UTF-16 and UTF-32 text of ASCII characters is full
            // of
            // them, and Jackson would otherwise detect and accept those encodings from the bytes.
            StrictUtf8.Position position = StrictUtf8.positionOfByte(bytes, nul);
            throw new NotJsonException(
                    "is not UTF-8: it holds a NUL byte (byte offset "
                            + nul
                            + "), as UTF-16 or UTF-32 text does; save the file as UTF-8",
                    position.line(),
                    position.column());
        }
        if (StrictUtf8.isAscii(bytes)) {
            // The common case (every list we publish is ASCII): parse the bytes as they are,
            // which for a large list is much cheaper than decoding them to a String first.
            // ASCII is valid UTF-8 and cannot be mistaken for UTF-16 or UTF-32.
            if (isBlank(bytes)) {
                throw new NotJsonException("is empty; it must hold one JSON object", 1, 1);
            }
            try {
                return MAPPER.readTree(bytes);
            } catch (JacksonException e) {
                throw located(e);
            }
        }
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw new NotJsonException("is empty; it must hold one JSON object", 1, 1);
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw located(e);
        }
    }

    private static NotJsonException located(JacksonException e) {
        TokenStreamLocation where = e.getLocation();
        int line = where == null ? 1 : Math.max(1, where.getLineNr());
        int column = where == null ? 1 : Math.max(1, where.getColumnNr());
        return new NotJsonException(
                "is not valid JSON: " + firstLine(e.getOriginalMessage()), line, column);
    }

    /** The offset of the first NUL byte, or -1. */
    public static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Decodes strict UTF-8, refusing a byte-order mark and malformed sequences. Parsing from the
     * decoded text (not the bytes) keeps Jackson from guessing UTF-16 or UTF-32.
     */
    public static String decodeUtf8(byte[] bytes) {
        if (StrictUtf8.startsWithBom(bytes)) {
            throw new NotJsonException(
                    "starts with a UTF-8 byte-order mark; save the file as UTF-8 without BOM",
                    1,
                    1);
        }
        try {
            return StrictUtf8.decode(bytes);
        } catch (StrictUtf8.MalformedException e) {
            throw new NotJsonException(
                    "is not valid UTF-8 (byte offset " + e.offset() + "); save the file as UTF-8",
                    e.position().line(),
                    e.position().column());
        }
    }
}
