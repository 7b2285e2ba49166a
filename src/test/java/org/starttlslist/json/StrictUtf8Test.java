package org.starttlslist.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {
    @Test
    void decodesValidText() throws Exception {
        assertEquals("ä€𝄞", StrictUtf8.decode("ä€𝄞".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedByte_namesOffsetLineAndCharacterColumn() {
        // "ä" is two bytes but one column; the bad byte is the 0xFF on line 2.
        byte[] bytes = {'{', '\n', ' ', (byte) 0xC3, (byte) 0xA4, (byte) 0xFF, '}'};
        StrictUtf8.MalformedException e =
                assertThrows(StrictUtf8.MalformedException.class, () -> StrictUtf8.decode(bytes));
        assertEquals(5, e.offset());
        assertEquals(new StrictUtf8.Position(2, 3), e.position());
    }

    @Test
    void truncatedSequenceAtEnd_isRefused() {
        byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82};
        StrictUtf8.MalformedException e =
                assertThrows(StrictUtf8.MalformedException.class, () -> StrictUtf8.decode(bytes));
        assertEquals(1, e.offset());
        assertEquals(new StrictUtf8.Position(1, 2), e.position());
    }

    @Test
    void overlongEncodingAndSurrogates_areRefused() {
        assertThrows(
                StrictUtf8.MalformedException.class,
                () -> StrictUtf8.decode(new byte[] {(byte) 0xC0, (byte) 0xAF}));
        assertThrows(
                StrictUtf8.MalformedException.class,
                () -> StrictUtf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    @Test
    void bomAndAscii() {
        assertTrue(StrictUtf8.startsWithBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}));
        assertFalse(StrictUtf8.startsWithBom(new byte[] {(byte) 0xEF, (byte) 0xBB}));
        assertTrue(StrictUtf8.isAscii("{\"a\": 1}\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(StrictUtf8.isAscii("ä".getBytes(StandardCharsets.UTF_8)));
    }

    /** Property: for valid text, the position of each character's first byte is its own. */
    @Test
    void positionOfByte_agreesWithTheDecodedText() {
        Random random = new Random(10);
        String alphabet = "ab\nä€𝄞 ";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(
                        alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(7))));
            }
            String s = text.toString();
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int line = 1;
            int column = 1;
            int byteOffset = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                assertEquals(
                        new StrictUtf8.Position(line, column),
                        StrictUtf8.positionOfByte(bytes, byteOffset),
                        s);
                if (cp == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                byteOffset +=
                        new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                i += Character.charCount(cp);
            }
        }
    }
}
