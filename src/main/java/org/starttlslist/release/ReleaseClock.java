package org.starttlslist.release;

import java.time.Duration;
import java.time.Instant;
import org.starttlslist.model.PolicyList;

/**
 * The real time of a run, read once at the edge, against which a release instant is checked: every
 * mirror checks a list against its own clock, so a list published "as of" another time is either
 * refused as from the future or expired, and a future timestamp would block every later release on
 * the real clock until that time.
 */
final class ReleaseClock {
    private final Instant clock;
    private final Duration skew;

    ReleaseClock(Instant clock, Duration skew) {
        this.clock = clock;
        this.skew = skew;
    }

    Instant instant() {
        return clock;
    }

    /** Refuses a release instant more than the skew from the clock, unless explicitly allowed. */
    void requireNear(Instant now, boolean allowed) {
        if (!allowed && Duration.between(clock, now).abs().compareTo(skew) > 0) {
            throw new NowFarFromClockException(now, clock, skew);
        }
    }

    /** Refuses a list that mirrors would refuse at the real time: expired, or not yet valid. */
    void requireValidNow(PolicyList list) {
        if (!list.expires().isAfter(clock)) {
            throw new ListNotValidAtClockException(list, clock, "it has already expired");
        }
        if (list.timestamp().isAfter(clock.plus(skew))) {
            throw new ListNotValidAtClockException(
                    list,
                    clock,
                    "its timestamp is in the future, so every mirror would refuse it"
                            + " and every later release on the real clock would be refused as older");
        }
    }
}
