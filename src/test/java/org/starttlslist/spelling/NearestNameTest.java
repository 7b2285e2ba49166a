package org.starttlslist.spelling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    static final List<String> FIELDS =
            List.of("contact", "testing-since", "mode", "mxs", "policy-alias");

    @Test
    void typos() {
        assertEquals(Optional.of("mxs"), NearestName.among("mx", FIELDS));
        assertEquals(Optional.of("mxs"), NearestName.among("msx", FIELDS), "two letters swapped");
        assertEquals(Optional.of("mxs"), NearestName.among("MXS", FIELDS), "case");
        assertEquals(Optional.of("policy-alias"), NearestName.among("policy_alias", FIELDS));
        assertEquals(Optional.of("testing-since"), NearestName.among("testing-sinse", FIELDS));
    }

    @Test
    void differentWords_noSuggestion() {
        assertEquals(Optional.empty(), NearestName.among("owner", FIELDS));
        assertEquals(
                Optional.empty(),
                NearestName.among("mode", FIELDS),
                "an exact match is not a typo");
        assertEquals(Optional.empty(), NearestName.among("x", List.of()));
    }
}
