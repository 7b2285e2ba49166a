package org.starttlslist.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one strict UTF-8 decoder, and the one way a byte offset becomes a line and column: every
 * reader that reports where a file goes wrong (the list parser, the source validator) counts the
 * same way, so a position in a message always points at the same character.
 *
 * <p>Strict means: a malformed or truncated sequence is refused, never replaced by U+FFFD. The
 * byte-order mark is refused by the callers, each in its own words ({@link #startsWithBom}).
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** A line and column, both counted from 1; a column counts characters, not bytes. */
    public record Position(int line, int column) {}

    /** The bytes are not UTF-8: the first bad byte and where it is. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final Position position;

        MalformedException(int offset, Position position) {
            super("not valid UTF-8 at byte offset " + offset);
            this.offset = offset;
            this.position = position;
        }

        /** The offset of the first byte that is not part of a valid UTF-8 sequence. */
        public int offset() {
            return offset;
        }

        public Position position() {
            return position;
        }
    }

    /** True when the bytes start with the UTF-8 byte-order mark (EF BB BF). */
    public static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF;
    }

    /** True when every byte is ASCII: such bytes are valid UTF-8 and need no decoding. */
    public static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The text the bytes encode; a byte-order mark, if any, stays as U+FEFF. */
    public static String decode(byte[] bytes) throws MalformedException {
        try {
            return decoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Rare: decode again, this time stopping at the bad byte to say where it is.
            ByteBuffer in = ByteBuffer.wrap(bytes);
            decoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
            int offset = in.position();
            throw new MalformedException(offset, positionOfByte(bytes, offset));
        }
    }

    /**
     * Where byte {@code offset} of UTF-8 {@code bytes} is: lines end at '\n', and the column counts
     * characters (continuation bytes do not count).
     */
    public static Position positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column);
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
