package org.starttlslist.listfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.testing.SharedFixtures;

class ListValidityTest {
    @Test
    void readsThePredecessorsOffsetsAsInstants() {
        ListValidity validity =
                ListValidity.read(SharedFixtures.bytes("fixtures/eff/policy.json")).orElseThrow();
        assertEquals(Instant.parse("2020-05-20T17:25:12.710034Z"), validity.timestamp());
        assertEquals(Instant.parse("2020-06-03T17:25:12.710055Z"), validity.expires());
    }

    @Test
    void readsEpochSecondsAndSkipsEverythingElse() {
        String list =
                "{\"policies\": {\"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\"]}},"
                        + " \"timestamp\": 10, \"expires\": \"1970-01-01T00:01:00Z\", \"version\": \"0.1\"}";
        ListValidity validity =
                ListValidity.read(list.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertEquals(Instant.ofEpochSecond(10), validity.timestamp());
        assertEquals(Instant.ofEpochSecond(60), validity.expires());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"timestamp\": 1}",
                "{\"timestamp\": 1, \"expires\": 2",
                "{\"timestamp\": 1, \"expires\": 2} {}",
                "{\"timestamp\": \"yesterday\", \"expires\": 2}",
                "{\"timestamp\": 1, \"timestamp\": 3, \"expires\": 2}",
                "{\"timestamp\": -1, \"expires\": 2}"
            })
    void anythingElseIsUnreadable(String text) {
        assertTrue(ListValidity.read(text.getBytes(StandardCharsets.UTF_8)).isEmpty(), text);
    }
}
