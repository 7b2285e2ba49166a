package org.starttlslist.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The list's instants: how we write them and every form the predecessor published that we read.
 *
 * <p>We write RFC 3339 UTC at second precision with {@code Z}. We read RFC 3339 with 0 to 9
 * fraction digits and {@code Z} or any {@code ±HH:MM} offset (the predecessor wrote Go's
 * nanoseconds and Python's microseconds, with Pacific offsets), and non-negative epoch seconds.
 * Instants are compared, never strings: the predecessor's expiries crossed DST changes.
 */
public final class ListTimes {
    private static final Pattern RFC3339 =
            Pattern.compile(
                    "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private static final DateTimeFormatter READER =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .appendOffset("+HH:MM", "Z")
                    .toFormatter()
                    .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter WRITER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ListTimes() {}

    /** The published form: RFC 3339, UTC, seconds, {@code Z}. Fractions are dropped. */
    public static String format(Instant instant) {
        return WRITER.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Parses an RFC 3339 string in any form the predecessor published; empty when it is not one.
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, READER).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The last instant a list may name: RFC 3339 has four-digit years. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Epoch seconds, as the oldest lists and the predecessor's test data used; empty when negative
     * or past {@link #LATEST} (Java's own range ends far later, but nothing can be written past
     * it).
     */
    public static Optional<Instant> fromEpochSeconds(long seconds) {
        if (seconds < 0 || seconds > LATEST.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    /**
     * Parses {@code --now} and similar user input: RFC 3339 with an offset. Empty when it is not
     * one, so the caller can name the option in its error.
     */
    public static Optional<Instant> parseUserInstant(String text) {
        return parse(text == null ? null : text.trim().replace('z', 'Z').replace('t', 'T'));
    }
}
