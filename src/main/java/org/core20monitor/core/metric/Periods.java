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

    /** Parses "YYYY-MM", with a message fit for a 400 response. */
    public static YearMonth parse(String period) {
        try {
            return YearMonth.parse(period, FORMAT);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("period must be YYYY-MM, was '" + period + "'");
        }
    }
}
