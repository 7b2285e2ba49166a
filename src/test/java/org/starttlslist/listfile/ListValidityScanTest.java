package org.starttlslist.listfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.starttlslist.testing.SharedFixtures;

/**
 * {@link ListValidity#scanTimestamp} is one-sided against {@link ListValidity#read}: whenever the
 * full read finds a timestamp, the scan finds the same one or none, so {@code sign}'s refusal of a
 * signature dated before its list (decided by the full read whenever the scan cannot clear it) is
 * unchanged.
 */
class ListValidityScanTest {
    static final String LIST =
            "{\n  \"expires\": \"2026-06-15T00:00:00Z\",\n  \"policies\": {\n"
                    + "    \"a.example\": {\"mode\": \"testing\", \"mxs\": [\"mx.a.example\", \".b.example\"]},\n"
                    + "    \"b.example\": {\"policy-alias\": \"h\"}\n  },\n"
                    + "  \"policy-aliases\": {\"h\": {\"mode\": \"enforce\", \"mxs\": [\"mx.h.example\"]}},\n"
                    + "  \"timestamp\": \"2026-06-01T00:00:00Z\",\n  \"version\": \"0.1\"\n}\n";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"timestamp\": 1}",
                "{\"timestamp\": 1, \"expires\": 2",
                "{\"timestamp\": 1, \"expires\": 2} {}",
                "{\"timestamp\": 1, \"expires\": 2} x",
                "{\"timestamp\": \"yesterday\", \"expires\": 2}",
                "{\"timestamp\": 1, \"timestamp\": 3, \"expires\": 2}",
                "{\"timestamp\": 3, \"time\\u0073tamp\": 1, \"expires\": 2}",
                "{\"time\\u0073tamp\": 5, \"expires\": 2}",
                "{\"timestamp\": \"2026-06-01T00:00:0\\u0030Z\", \"expires\": 2}",
                "{\"timestamp\": -1, \"expires\": 2}",
                "{\"timestamp\": 1.5, \"expires\": 2}",
                "{\"timestamp\": 1e3, \"expires\": 2}",
                "{\"timestamp\": 99999999999999999999, \"expires\": 2}",
                "{\"timestamp\": 9999999999999999999, \"expires\": 2}",
                "{\"timestamp\": 007, \"expires\": 2}",
                "{\"timestamp\": -0, \"expires\": 2}",
                "{\"timestamp\": true, \"expires\": 2}",
                "{\"a\": {\"timestamp\": 9}, \"timestamp\": 1, \"expires\": 2}",
                "{\"a\": [\"timestamp\", {\"timestamp\": 9}], \"timestamp\": 1, \"expires\": 2}",
                "{\"a\": \"\\\"timestamp\\\": 9\", \"timestamp\": 1, \"expires\": 2}",
                "{\"a\": \"}\", \"timestamp\": 1, \"expires\": 2}",
                "{\"timestamp\" : 1 , \"expires\" : 2 }",
                "{\"timestamp\": 1, \"expires\": 2}}",
                "{\"timestamp\": 1, \"expires\": 2]",
                "  {\"expires\": 2, \"timestamp\": \"1970-01-01T00:00:01+00:00\"}  ",
            })
    void neverDisagreesWithTheFullRead(String text) {
        assertOneSided(text, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsTheTimestampAfterThePolicies() {
        byte[] bytes = LIST.getBytes(StandardCharsets.UTF_8);
        assertEquals(
                Optional.of(Instant.parse("2026-06-01T00:00:00Z")),
                ListValidity.scanTimestamp(bytes));
        assertOneSided("list", bytes);
    }

    @Test
    void findsThePredecessorsTimestamp() {
        byte[] bytes = SharedFixtures.bytes("fixtures/eff/policy.json");
        assertEquals(
                ListValidity.read(bytes).map(ListValidity::timestamp),
                ListValidity.scanTimestamp(bytes));
    }

    @Test
    void generatedMutationsNeverDisagree() {
        Random random = new Random(1503);
        byte[] good = LIST.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\",:\\ 0123456789-.eTZtimesa".getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        for (int round = 0; round < 5000; round++) {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : good) {
                bytes.add(b);
            }
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                int at = random.nextInt(bytes.size());
                switch (random.nextInt(3)) {
                    case 0 -> bytes.set(at, alphabet[random.nextInt(alphabet.length)]);
                    case 1 -> bytes.remove(at);
                    default -> bytes.add(at, alphabet[random.nextInt(alphabet.length)]);
                }
            }
            byte[] mutated = new byte[bytes.size()];
            for (int i = 0; i < mutated.length; i++) {
                mutated[i] = bytes.get(i);
            }
            if (assertOneSided("mutation " + round, mutated)) {
                found++;
            }
        }
        assertTrue(found > 1000, "the scan found a timestamp in only " + found + " of 5000");
    }

    /** Returns whether the scan found a timestamp. */
    private static boolean assertOneSided(String name, byte[] bytes) {
        Optional<Instant> scanned = ListValidity.scanTimestamp(bytes);
        Optional<Instant> read = ListValidity.read(bytes).map(ListValidity::timestamp);
        if (scanned.isPresent() && read.isPresent()) {
            assertEquals(read, scanned, name);
        }
        // sign's decision: refuse when the full read finds a timestamp after the signature time.
        for (Instant at : candidates(scanned, read)) {
            boolean before = read.isPresent() && at.isBefore(read.get());
            boolean clearedByScan = scanned.isPresent() && !at.isBefore(scanned.get());
            assertFalse(clearedByScan && before, name + ": the scan would let " + at + " sign");
        }
        return scanned.isPresent();
    }

    private static List<Instant> candidates(Optional<Instant> scanned, Optional<Instant> read) {
        List<Instant> at =
                new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z")));
        for (Optional<Instant> one : List.of(scanned, read)) {
            one.ifPresent(
                    t -> {
                        at.add(t);
                        at.add(t.minusSeconds(1));
                        at.add(t.plusSeconds(1));
                    });
        }
        return at;
    }
}
