package org.starttlslist.release;

import java.time.Duration;
import java.time.Instant;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.model.ListTimes;

/** {@code --now} is further from the real clock than mirrors allow, and no override was given. */
public final class NowFarFromClockException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final Instant now;
    private final Instant clock;

    public NowFarFromClockException(Instant now, Instant clock, Duration skew) {
        super(
                "--now "
                        + ListTimes.format(now)
                        + " is "
                        + describe(Duration.between(clock, now))
                        + " the clock ("
                        + ListTimes.format(clock)
                        + "), more than the "
                        + skew.toMinutes()
                        + " minutes mirrors allow; fix the clock,"
                        + " drop --now, or, to publish a list dated so on purpose, add --allow-now-far-from-clock."
                        + " Nothing was changed");
        this.now = now;
        this.clock = clock;
    }

    private static String describe(Duration difference) {
        Duration abs = difference.abs();
        String amount =
                abs.toDays() > 0
                        ? abs.toDays() + " days"
                        : abs.toHours() > 0
                                ? abs.toHours() + " hours"
                                : abs.toMinutes() + " minutes";
        return amount + (difference.isNegative() ? " before" : " after");
    }

    public Instant now() {
        return now;
    }

    public Instant clock() {
        return clock;
    }
}
