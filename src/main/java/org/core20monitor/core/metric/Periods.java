package org.core20monitor.core.metric;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reporting periods: calendar months of event time in Europe/London (SPEC §3).
 *
 * <p>Every event, pathway and timer of the job asks for its London day or month, so the midnights
 * of 1970–2099 and the names of their months are worked out once; an instant outside those years
 * takes the time-zone rules each time.
 */
public final class Periods {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM");

    private static final long FIRST_DAY = LocalDate.of(1970, 1, 1).toEpochDay();
    private static final long END_DAY = LocalDate.of(2100, 1, 1).toEpochDay();
    /** The instant each London day starts, from FIRST_DAY to END_DAY inclusive. */
    private static final long[] MIDNIGHTS = new long[(int) (END_DAY - FIRST_DAY + 1)];
    private static final int FIRST_MONTH = 1970 * 12;
    private static final String[] NAMES = new String[130 * 12];

    static {
        for (int i = 0; i < MIDNIGHTS.length; i++) {
            MIDNIGHTS[i] = LocalDate.ofEpochDay(FIRST_DAY + i).atStartOfDay(LONDON).toInstant().toEpochMilli();
        }
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = YearMonth.of((FIRST_MONTH + i) / 12, (FIRST_MONTH + i) % 12 + 1).format(FORMAT);
        }
    }

    private Periods() {}

    public static String monthOf(long epochMillis) {
        return period(monthIndexOfDay(dayOf(epochMillis)));
    }

    /** The first instant after the month: its end, when the month-end snapshot is taken. */
    public static long endOfMonthMillis(String period) {
        return startOfDayMillis(firstDayOfMonthIndex(monthIndex(period) + 1));
    }

    /** The Europe/London date of an instant, as an epoch day. */
    public static long dayOf(long epochMillis) {
        // London midnight is at 00:00 or 23:00 UTC: the UTC date, or the day after it.
        long utcDay = Math.floorDiv(epochMillis, 86_400_000L);
        if (utcDay < FIRST_DAY || utcDay >= END_DAY) {
            return Instant.ofEpochMilli(epochMillis).atZone(LONDON).toLocalDate().toEpochDay();
        }
        return epochMillis >= MIDNIGHTS[(int) (utcDay + 1 - FIRST_DAY)] ? utcDay + 1 : utcDay;
    }

    /** The period a Europe/London epoch day falls in. */
    public static String monthOfDay(long epochDay) {
        return period(monthIndexOfDay(epochDay));
    }

    /** The last day of a period, as an epoch day: the date of its month-end waiting-list snapshot. */
    public static long lastDay(String period) {
        return firstDayOfMonthIndex(monthIndex(period) + 1) - 1;
    }

    /** The first instant of the day after an epoch day, in Europe/London. */
    public static long endOfDayMillis(long epochDay) {
        return startOfDayMillis(epochDay + 1);
    }

    /** Months counted from year 0 (year × 12 + month − 1), so consecutive months differ by one. */
    public static int monthIndexOfDay(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    /** The month index of "YYYY-MM" (see {@link #monthIndexOfDay}). */
    public static int monthIndex(String period) {
        if (period != null && period.length() == 7 && period.charAt(4) == '-') {
            int year = digits(period, 0, 4);
            int month = digits(period, 5, 7);
            if (year >= 0 && month >= 1 && month <= 12) {
                return year * 12 + month - 1;
            }
        }
        YearMonth m = parse(period);
        return m.getYear() * 12 + m.getMonthValue() - 1;
    }

    /** "YYYY-MM" of a month index (see {@link #monthIndexOfDay}). */
    public static String period(int monthIndex) {
        int i = monthIndex - FIRST_MONTH;
        return i >= 0 && i < NAMES.length ? NAMES[i] : YearMonth.of(monthIndex / 12, monthIndex % 12 + 1).format(FORMAT);
    }

    /** The last day of the month with this index, as an epoch day. */
    public static long lastDayOfMonthIndex(int monthIndex) {
        return firstDayOfMonthIndex(monthIndex + 1) - 1;
    }

    /** Parses "YYYY-MM", with a message fit for a 400 response. */
    public static YearMonth parse(String period) {
        try {
            return YearMonth.parse(period, FORMAT);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("period must be YYYY-MM, was '" + period + "'");
        }
    }

    private static long firstDayOfMonthIndex(int monthIndex) {
        return LocalDate.of(monthIndex / 12, monthIndex % 12 + 1, 1).toEpochDay();
    }

    private static long startOfDayMillis(long epochDay) {
        if (epochDay < FIRST_DAY || epochDay > END_DAY) {
            return LocalDate.ofEpochDay(epochDay).atStartOfDay(LONDON).toInstant().toEpochMilli();
        }
        return MIDNIGHTS[(int) (epochDay - FIRST_DAY)];
    }

    /** The decimal number in {@code text[from, to)}, or −1 if any character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
