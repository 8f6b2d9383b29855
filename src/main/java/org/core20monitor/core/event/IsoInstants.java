package org.core20monitor.core.event;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Epoch milliseconds of an ISO-8601 date-time with an offset, as {@link OffsetDateTime#parse} reads
 * it. The shape every feed sends ({@code 2026-10-14T09:30:00Z}, with an optional fraction and a
 * {@code ±hh:mm} offset) is read directly, several times faster than the general parser, which still
 * reads (or refuses) everything else, so both accept exactly the same texts.
 */
public final class IsoInstants {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoInstants() {}

    /** @throws DateTimeParseException if the text is not an ISO-8601 date-time with an offset */
    public static long epochMillis(String text) {
        long millis = common(text);
        if (millis != Long.MIN_VALUE) {
            return millis;
        }
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    /** The common shape read directly, or {@code Long.MIN_VALUE} if the text has another shape. */
    static long common(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        int millisOfSecond = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            int length = i - start;
            if (length < 1 || length > 9) {
                return Long.MIN_VALUE;
            }
            for (int k = 0; k < 3; k++) {
                millisOfSecond = millisOfSecond * 10 + (k < length ? text.charAt(start + k) - '0' : 0);
            }
        }
        int offsetSeconds;
        if (i == n - 1 && text.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 17 || offsetMinutes > 59) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;  // no such day: the general parser says so in its own words
        }
        return epochDay * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1_000L + millisOfSecond
                - offsetSeconds * 1_000L;
    }

    /** The value of {@code length} ASCII digits from {@code start}, or -1 if any is not one. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int k = start; k < start + length; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
