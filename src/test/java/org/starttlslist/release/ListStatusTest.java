package org.starttlslist.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.starttlslist.model.PolicyList;

class ListStatusTest {
    private static final Instant MADE = Instant.parse("2026-11-01T00:00:00Z");
    private static final PolicyList LIST =
            new PolicyList(
                    MADE,
                    MADE.plus(Duration.ofDays(14)),
                    "0.1",
                    Optional.empty(),
                    new TreeMap<>(),
                    new TreeMap<>());

    private static ListStatus at(Instant now) {
        return new ListStatus(
                "release/policy.json", LIST, now, Duration.ofDays(7), List.of(), true, "verified");
    }

    @Test
    void okWhileMoreThanTheMinimumIsLeft() {
        assertEquals(ListStatus.State.OK, at(MADE.plus(Duration.ofDays(6))).state());
        assertEquals(ListStatus.State.OK, at(MADE.plus(Duration.ofDays(7))).state());
    }

    @Test
    void dueWithLessThanTheMinimumLeft() {
        assertEquals(
                ListStatus.State.DUE, at(MADE.plus(Duration.ofDays(7)).plusSeconds(1)).state());
    }

    @Test
    void expiredAtTheExpiryInstant() {
        assertEquals(ListStatus.State.EXPIRED, at(MADE.plus(Duration.ofDays(14))).state());
        assertEquals(Duration.ofDays(-1), at(MADE.plus(Duration.ofDays(15))).left());
    }
}
