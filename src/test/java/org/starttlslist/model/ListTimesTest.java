package org.starttlslist.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListTimesTest {
    @ParameterizedTest
    @CsvSource({
        "2018-03-30T19:45:16+00:00, 2018-03-30T19:45:16Z",
        "2018-11-07T08:24:29.23789966-08:00, 2018-11-07T16:24:29.237899660Z",
        "2020-05-20T10:25:12.710034-07:00, 2020-05-20T17:25:12.710034Z",
        "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00.123456789Z, 2026-01-01T00:00:00.123456789Z",
    })
    void readsEveryPublishedForm(String text, String expected) {
        assertEquals(Instant.parse(expected), ListTimes.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-01 00:00:00Z",
                "2026-01-01T00:00Z",
                "2026-01-01T00:00:00+0000",
                "2026-02-30T00:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T00:00:00",
                "",
                "2026-01-01T00:00:00.1234567890Z"
            })
    void refusesWhatIsNotRfc3339(String text) {
        assertTrue(ListTimes.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({
        "2020-05-20T17:25:12.710034Z, 2020-05-20T17:25:12Z",
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z"
    })
    void writesUtcSecondsWithZ(String instant, String expected) {
        assertEquals(expected, ListTimes.format(Instant.parse(instant)));
    }
}
