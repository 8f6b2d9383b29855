package org.core20monitor.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Bank holidays against the lists published at gov.uk/bank-holidays, and working days by brute force. */
class WorkingDaysTest {

    /** England and Wales, as published by gov.uk. */
    static final Map<Integer, List<String>> PUBLISHED = new TreeMap<>(Map.of(
            2011, List.of("2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30",
                    "2011-08-29", "2011-12-26", "2011-12-27"),
            2012, List.of("2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05",
                    "2012-08-27", "2012-12-25", "2012-12-26"),
            2019, List.of("2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26",
                    "2019-12-25", "2019-12-26"),
            2020, List.of("2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
                    "2020-12-25", "2020-12-28"),
            2021, List.of("2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
                    "2021-12-27", "2021-12-28"),
            2022, List.of("2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
                    "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"),
            2023, List.of("2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
                    "2023-08-28", "2023-12-25", "2023-12-26"),
            2024, List.of("2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
                    "2024-12-25", "2024-12-26"),
            2025, List.of("2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
                    "2025-12-25", "2025-12-26"),
            2026, List.of("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                    "2026-12-25", "2026-12-28")));

    static Set<LocalDate> published(int year) {
        Set<LocalDate> dates = new HashSet<>();
        PUBLISHED.get(year).forEach(d -> dates.add(LocalDate.parse(d)));
        return dates;
    }

    @Test
    void matchesThePublishedLists() {
        for (int year : PUBLISHED.keySet()) {
            assertThat(WorkingDays.bankHolidays(year)).as("bank holidays %d", year)
                    .containsExactlyElementsOf(PUBLISHED.get(year).stream().map(LocalDate::parse).toList());
        }
    }

    @Test
    void twentyTwentySevenChristmasOnASaturday() {
        assertThat(WorkingDays.bankHolidays(2027)).containsExactly(
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-26"), LocalDate.parse("2027-03-29"),
                LocalDate.parse("2027-05-03"), LocalDate.parse("2027-05-31"), LocalDate.parse("2027-08-30"),
                LocalDate.parse("2027-12-27"), LocalDate.parse("2027-12-28"));
    }

    @Test
    void everyBankHolidayIsAWeekdayAndThereAreAtLeastEight() {
        for (int year = 1978; year <= 2100; year++) {
            Set<LocalDate> days = WorkingDays.bankHolidays(year);
            assertThat(days.size()).as("count in %d", year).isBetween(8, 10);
            for (LocalDate d : days) {
                assertThat(d.getYear()).isEqualTo(year);
                assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }
    }

    /** Easter by Lichtenberg's form of Gauss's algorithm, a different derivation from the one under test. */
    static LocalDate easterByLichtenberg(int x) {
        int k = x / 100;
        int m = 15 + (3 * k + 3) / 4 - (8 * k + 13) / 25;
        int s = 2 - (3 * k + 3) / 4;
        int a = x % 19;
        int d = (19 * a + m) % 30;
        int r = (d + a / 11) / 29;
        int og = 21 + d - r;
        int sz = 7 - (x + x / 4 + s) % 7;
        int oe = 7 - (og - sz) % 7;
        int os = og + oe; // day of March, running on into April
        return LocalDate.of(x, 3, 1).plusDays(os - 1);
    }

    @Test
    void easterAgreesWithAnIndependentAlgorithmAndKnownDates() {
        for (int year = 1900; year <= 2400; year++) {
            assertThat(WorkingDays.easterSunday(year)).as("Easter %d", year).isEqualTo(easterByLichtenberg(year));
        }
        assertThat(WorkingDays.easterSunday(2019)).isEqualTo(LocalDate.of(2019, 4, 21));
        assertThat(WorkingDays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(WorkingDays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(WorkingDays.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
    }

    @Test
    void workingDaysByBruteForce() {
        for (int year : PUBLISHED.keySet()) {
            Set<LocalDate> holidays = published(year);
            for (int month = 1; month <= 12; month++) {
                YearMonth ym = YearMonth.of(year, month);
                int count = 0;
                for (LocalDate d = ym.atDay(1); !d.isAfter(ym.atEndOfMonth()); d = d.plusDays(1)) {
                    boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                    if (!weekend && !holidays.contains(d)) {
                        count++;
                    }
                }
                assertThat(WorkingDays.workingDays(ym)).as("working days in %s", ym).isEqualTo(count);
            }
        }
    }

    @Test
    void workingDaysWorkedByHand() {
        // January 2026: 22 weekdays less New Year's Day
        assertThat(WorkingDays.workingDays(YearMonth.of(2026, 1))).isEqualTo(21);
        // February 2026: four full weeks
        assertThat(WorkingDays.workingDays(YearMonth.of(2026, 2))).isEqualTo(20);
        // May 2026: 21 weekdays less 4 and 25 May
        assertThat(WorkingDays.workingDays(YearMonth.of(2026, 5))).isEqualTo(19);
        // December 2026: 23 weekdays less 25 and 28 December
        assertThat(WorkingDays.workingDays(YearMonth.of(2026, 12))).isEqualTo(21);
        // May 2020: 21 weekdays less Friday 8 May (VE Day) and 25 May
        assertThat(WorkingDays.workingDays(YearMonth.of(2020, 5))).isEqualTo(19);
        // June 2022: 22 weekdays less the jubilee Thursday and Friday
        assertThat(WorkingDays.workingDays(YearMonth.of(2022, 6))).isEqualTo(20);
        // May 2023: 23 weekdays less 1, 8 (coronation) and 29 May
        assertThat(WorkingDays.workingDays(YearMonth.of(2023, 5))).isEqualTo(20);
    }

    @Test
    void isWorkingDay() {
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 2))).isTrue();   // Thursday before Good Friday
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 3))).isFalse();  // Good Friday
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 4))).isFalse();  // Saturday
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse(); // Boxing Day substitute
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 12, 29))).isTrue();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2020, 5, 4))).isTrue();   // the usual early May date, moved
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2022, 5, 30))).isTrue();  // the usual spring date, moved
    }
}
