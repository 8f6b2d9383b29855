package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Periods are calendar months of event time in Europe/London (SPEC §3). */
class PeriodsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // BST began 01:00 UTC on 29 March 2026: 23:30 UTC on 31 March is 00:30 on 1 April in London
            "2026-03-31T23:30:00Z, 2026-04",
            "2026-03-31T22:59:59Z, 2026-03",
            "2026-03-31T23:00:00Z, 2026-04",
            // GMT again from 01:00 UTC on 25 October 2026: 23:30 UTC on 31 October is still October
            "2026-10-31T23:30:00Z, 2026-10",
            "2026-10-31T23:59:59.999Z, 2026-10",
            "2026-11-01T00:00:00Z, 2026-11",
            // summer month ends an hour early in UTC
            "2026-06-30T23:00:00Z, 2026-07",
            "2026-06-30T22:59:59Z, 2026-06",
            // winter: the year ends at midnight UTC
            "2025-12-31T23:59:59Z, 2025-12",
            "2026-01-01T00:00:00Z, 2026-01"})
    void monthOfUsesLondonTime(String instant, String period) {
        assertThat(Periods.monthOf(Instant.parse(instant).toEpochMilli())).isEqualTo(period);
    }

    @Test
    void endOfMonthIsLondonMidnight() {
        // March 2026 ends at midnight BST = 23:00 UTC on 31 March
        assertThat(Periods.endOfMonthMillis("2026-03")).isEqualTo(Instant.parse("2026-03-31T23:00:00Z").toEpochMilli());
        // October 2026 ends at midnight GMT
        assertThat(Periods.endOfMonthMillis("2026-10")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(Periods.endOfMonthMillis("2026-12")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        long end = Periods.endOfMonthMillis("2026-06");
        assertThat(Periods.monthOf(end - 1)).isEqualTo("2026-06");
        assertThat(Periods.monthOf(end)).isEqualTo("2026-07");
    }

    @Test
    void parseAcceptsYearMonth() {
        assertThat(Periods.parse("2026-01")).isEqualTo(YearMonth.of(2026, 1));
        assertThat(Periods.parse("2019-12")).isEqualTo(YearMonth.of(2019, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-00", "26-01", "2026-1", "2026/01", "202601", "2026-01-01", "", "Oct 2026"})
    void parseRejectsOtherForms(String text) {
        assertThatThrownBy(() -> Periods.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYY-MM");
    }

    @ParameterizedTest
    @NullSource
    void parseRejectsNull(String text) {
        assertThatThrownBy(() -> Periods.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorkedOutMidnightsAgreeWithTheTimeZoneRules() {
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        java.util.Random random = new java.util.Random(3);
        long from = Instant.parse("1968-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2102-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long millis = from + (long) (random.nextDouble() * (to - from));
            if (i % 4 == 0) {
                // On the hour around a UTC midnight, where London's date can differ from UTC's.
                millis = Math.floorDiv(millis, 86_400_000L) * 86_400_000L + (random.nextInt(5) - 2) * 3_600_000L
                        + random.nextInt(3) - 1;
            }
            java.time.LocalDate date = Instant.ofEpochMilli(millis).atZone(london).toLocalDate();
            assertThat(Periods.dayOf(millis)).as("day of %d", millis).isEqualTo(date.toEpochDay());
            assertThat(Periods.monthOf(millis)).isEqualTo(YearMonth.from(date).toString());
            assertThat(Periods.endOfDayMillis(date.toEpochDay()))
                    .isEqualTo(date.plusDays(1).atStartOfDay(london).toInstant().toEpochMilli());
            String period = YearMonth.from(date).toString();
            assertThat(Periods.endOfMonthMillis(period))
                    .isEqualTo(YearMonth.from(date).plusMonths(1).atDay(1).atStartOfDay(london).toInstant().toEpochMilli());
            assertThat(Periods.lastDay(period)).isEqualTo(YearMonth.from(date).atEndOfMonth().toEpochDay());
            int index = Periods.monthIndexOfDay(date.toEpochDay());
            assertThat(Periods.monthIndex(period)).isEqualTo(index);
            assertThat(Periods.period(index)).isEqualTo(period);
            assertThat(Periods.lastDayOfMonthIndex(index)).isEqualTo(Periods.lastDay(period));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-00", "26-01", "2026-1", "2026/01", "202601", "2026-01-01", "", "2026-0a"})
    void monthIndexRejectsWhatParseRejects(String text) {
        assertThatThrownBy(() -> Periods.monthIndex(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("YYYY-MM");
    }
}
