package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.validate.LocatedJson.Position;

/**
 * Every finding's line and column come from {@link LocatedJson}: for random documents with random
 * layout (seeded, so a failure repeats), each JSON pointer must lead to the first character of
 * exactly the value it names.
 */
class LocatedJsonTest {
    /** A generated document and, per pointer, the text of each value as written. */
    private static final class Writer {
        final Random random;
        final StringBuilder text = new StringBuilder();
        final Map<String, String> expectedStart = new java.util.HashMap<>();

        Writer(long seed) {
            random = new Random(seed);
        }

        void space() {
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                text.append(
                        switch (random.nextInt(4)) {
                            case 0 -> "\n";
                            case 1 -> "\t";
                            default -> " ";
                        });
            }
        }

        void value(String pointer, int depth) {
            space();
            int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
            String start;
            switch (kind) {
                case 0 -> {
                    start = "{";
                    text.append('{');
                    int n = random.nextInt(4);
                    List<String> keys = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String key = randomKey(keys.size());
                        keys.add(key);
                        space();
                        text.append('"').append(key.replace("\"", "\\\"")).append('"');
                        space();
                        text.append(':');
                        value(pointer + "/" + LocatedJson.escape(key), depth + 1);
                        space();
                        if (i + 1 < n) {
                            text.append(',');
                        }
                    }
                    space();
                    text.append('}');
                }
                case 1 -> {
                    start = "[";
                    text.append('[');
                    int n = random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        value(pointer + "/" + i, depth + 1);
                        space();
                        if (i + 1 < n) {
                            text.append(',');
                        }
                    }
                    space();
                    text.append(']');
                }
                case 2 -> {
                    String s = "\"m\u00fcx \\\" \u20ac\"";
                    start = "\"";
                    text.append(s);
                }
                case 3 -> {
                    start = "-";
                    text.append("-12.5e3");
                }
                case 4 -> {
                    start = "t";
                    text.append("true");
                }
                default -> {
                    start = "n";
                    text.append("null");
                }
            }
            expectedStart.put(pointer, start);
        }

        private String randomKey(int index) {
            String[] keys = {"mxs", "a/b", "t~x", "m\u00fcx", "q\"uote", "mode"};
            return keys[random.nextInt(keys.length)] + index;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void everyPointerLeadsToTheFirstCharacterOfItsValue(long seed) throws Exception {
        Writer writer = new Writer(seed);
        writer.text.append('{');
        writer.text.append("\"root\":");
        writer.value("/root", 0);
        writer.text.append('}');
        writer.expectedStart.put("", "{");
        String text = writer.text.toString();

        LocatedJson parsed = LocatedJson.parse(text);

        String[] lines = text.split("\n", -1);
        assertEquals(writer.expectedStart.keySet(), parsed.positions().keySet(), text);
        for (Map.Entry<String, String> expected : writer.expectedStart.entrySet()) {
            Position at = parsed.positions().get(expected.getKey());
            String line = lines[at.line() - 1];
            assertTrue(
                    at.column() - 1 < line.length(),
                    "column beyond the line for " + expected.getKey() + " in\n" + text);
            assertEquals(
                    expected.getValue().charAt(0),
                    line.charAt(at.column() - 1),
                    "pointer " + expected.getKey() + " at " + at + " in\n" + text);
        }
    }
}
