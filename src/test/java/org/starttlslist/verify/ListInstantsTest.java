package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.starttlslist.listfile.ListValidity;

/**
 * {@link ListInstants#read} answers exactly as {@link ListValidity#read}: on every list of the fast
 * path's corpus (good ones, and every kind of broken one) and on random edits of each.
 */
class ListInstantsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.starttlslist.verify.PublishedListFastPathTest#corpus")
    void answersAsTheFullRead(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(ListValidity.read(bytes), ListInstants.read(bytes), name);
        Random random = new Random(name.hashCode());
        byte[] alphabet = "{}[]\",:.-0123456789aZ \\e".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 30 && bytes.length > 0; round++) {
            byte[] edited = bytes.clone();
            edited[random.nextInt(edited.length)] = alphabet[random.nextInt(alphabet.length)];
            assertEquals(
                    ListValidity.read(edited), ListInstants.read(edited), name + " edit " + round);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.starttlslist.verify.PublishedListFastPathTest#corpus")
    void aGoodListIsReadWithoutTheTokenizer(String name, String text) {
        if (name.startsWith("good") && !name.matches(".*(non-ASCII|escaped|nine|reordered).*")) {
            assertTrue(
                    PublishedListFastPath.summarize(text.getBytes(StandardCharsets.UTF_8))
                            .isPresent(),
                    name);
        }
    }
}
