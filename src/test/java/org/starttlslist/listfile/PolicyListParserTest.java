package org.starttlslist.listfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.Mode;
import org.starttlslist.model.PolicyList;
import org.starttlslist.testing.SharedFixtures;

class PolicyListParserTest {
    @Test
    void readsThePredecessorsLastList() {
        PolicyList list = PolicyListParser.parse(SharedFixtures.bytes("fixtures/eff/policy.json"));
        assertEquals(926, list.policies().size());
        assertEquals(4, list.aliases().size());
        assertEquals(Instant.parse("2020-05-20T17:25:12.710034Z"), list.timestamp());
        assertEquals(Instant.parse("2020-06-03T17:25:12.710055Z"), list.expires());
        // Upper-case MX names are folded to lower case (RFC 4343) on reading.
        assertTrue(
                list.resolve("shintag.com").orElseThrow().mxs().stream()
                        .allMatch(mx -> mx.value().equals(mx.value().toLowerCase(Locale.ROOT))));
        assertEquals(Mode.TESTING, list.resolve("aol.com").orElseThrow().mode());
    }

    @Test
    void readsEpochSecondsAndOffsets() {
        PolicyList list =
                PolicyListParser.parse(
                        SharedFixtures.bytes(
                                "fixtures/starttls-policy-cli/upstream-testdata/bigger_test_config.json"));
        assertTrue(list.expires().isAfter(Instant.EPOCH));
    }

    @Test
    void unknownMode_isRefusedWithItsPointer() {
        String json =
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"expires\":\"2026-01-15T00:00:00Z\",\"version\":\"0.1\","
                        + "\"policy-aliases\":{},\"policies\":{\"example.com\":{\"mode\":\"strict\",\"mxs\":[\"mx.example.com\"]}}}";
        MalformedListException e =
                assertThrows(
                        MalformedListException.class,
                        () -> PolicyListParser.parse(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("/policies/example.com/mode", e.pointer());
    }
}
