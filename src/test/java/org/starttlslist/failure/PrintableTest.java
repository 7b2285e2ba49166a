package org.starttlslist.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersAndEscapeSequencesAreShownNotSent() {
        assertEquals("a\\nb\\rc\\td", Printable.escape("a\nb\rc\td"));
        assertEquals(
                "\\u001B[2J\\u001B]0;owned\\u0007",
                Printable.escape("\u001b[2J\u001b]0;owned\u0007"));
        assertEquals("x\\u202Ey", Printable.escape("x\u202ey"));
        assertEquals("\\u009B", Printable.escape("\u009b"));
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "faß.de and example.com: fine";
        assertSame(text, Printable.escape(text));
    }
}
