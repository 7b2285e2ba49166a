package org.starttlslist.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void duplicateKey_isRefusedWithItsLine() {
        NotJsonException e =
                assertThrows(
                        NotJsonException.class,
                        () ->
                                Json.readStrict(
                                        utf8(
                                                "{\n  \"mode\": \"testing\",\n  \"mode\": \"enforce\"\n}")));
        assertTrue(e.getMessage().contains("Duplicate"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void byteOrderMark_isRefused() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        NotJsonException e = assertThrows(NotJsonException.class, () -> Json.readStrict(withBom));
        assertTrue(e.getMessage().contains("byte-order mark"), e.getMessage());
    }

    @Test
    void invalidUtf8_isRefusedWithItsPosition() {
        byte[] bad = {'{', '\n', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        NotJsonException e = assertThrows(NotJsonException.class, () -> Json.readStrict(bad));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void deepNesting_isAnError_notAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        NotJsonException e =
                assertThrows(NotJsonException.class, () -> Json.readStrict(utf8(deep)));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("nesting"), e.getMessage());
    }

    @Test
    void trailingContent_isRefused() {
        assertThrows(NotJsonException.class, () -> Json.readStrict(utf8("{} {}")));
    }

    @Test
    void emptyFile_isRefused() {
        NotJsonException e =
                assertThrows(NotJsonException.class, () -> Json.readStrict(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
