package org.core20monitor.core.metric;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reporting periods: calendar months of event time in Europe/London (SPEC §3). */
public final class Periods {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM");

    private Periods() {}

    public static String monthOf(long epochMillis) {
        return YearMonth.from(Instant.ofEpochMilli(epochMillis).atZone(LONDON)).format(FORMAT);
    }

    /** The first instant after the month: its end, when the month-end snapshot is taken. */
    public static long endOfMonthMillis(String period) {
        return parse(period).plusMonths(1).atDay(1).atStartOfDay(LONDON).toInstant().toEpochMilli();
    }

    /** The Europe/London date of an instant, as an epoch day. */
    public static long dayOf(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(LONDON).toLocalDate().toEpochDay();
    }

    /** The period a Europe/London epoch day falls in. */
    public static String monthOfDay(long epochDay) {
        return YearMonth.from(java.time.LocalDate.ofEpochDay(epochDay)).format(FORMAT);
    }

    /** The last day of a period, as an epoch day: the date of its month-end waiting-list snapshot. */
    public static long lastDay(String period) {
        return parse(period).atEndOfMonth().toEpochDay();
    }

    /** The first instant of the day after an epoch day, in Europe/London. */
    public static long endOfDayMillis(long epochDay) {
        return java.time.LocalDate.ofEpochDay(epochDay + 1).atStartOfDay(LONDON).toInstant().toEpochMilli();
    }

    /** Parses "YYYY-MM", with a message fit for a 400 response. */
    public static YearMonth parse(String period) {
        try {
            return YearMonth.parse(period, FORMAT);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("period must be YYYY-MM, was '" + period + "'");
        }
    }
}
