package org.core20monitor.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days in England and Wales: Monday to Friday, less bank holidays. The bank holidays are
 * computed from the rules of the Banking and Financial Dealings Act 1971 and the royal proclamations
 * since, with the one-off changes written out, and agree with gov.uk/bank-holidays. The rules hold
 * from 1978 (the first early May bank holiday); a proclamation for a future year that moves or adds a
 * day has to be added here.
 */
public final class WorkingDays {

    private static final Map<Integer, Set<LocalDate>> CACHE = new ConcurrentHashMap<>();

    private WorkingDays() {}

    /** England and Wales bank holidays in {@code year}, ascending, unmodifiable. */
    public static Set<LocalDate> bankHolidays(int year) {
        return CACHE.computeIfAbsent(year, WorkingDays::compute);
    }

    /** A weekday that is not a bank holiday. */
    public static boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !bankHolidays(date.getYear()).contains(date);
    }

    /** How many working days {@code month} has. */
    public static int workingDays(YearMonth month) {
        int count = 0;
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            if (isWorkingDay(month.atDay(day))) {
                count++;
            }
        }
        return count;
    }

    /** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static Set<LocalDate> compute(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(nextWeekday(LocalDate.of(year, Month.JANUARY, 1)));

        LocalDate easter = easterSunday(year);
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));

        days.add(earlyMay(year));
        days.addAll(spring(year));
        days.add(LocalDate.of(year, Month.AUGUST, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));

        // Christmas and Boxing Day: one falling on a weekend moves to the next weekday not already taken.
        LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
        LocalDate christmasHoliday = nextWeekday(christmas);
        LocalDate boxingHoliday = nextWeekday(christmas.plusDays(1));
        if (boxingHoliday.equals(christmasHoliday)) {
            boxingHoliday = nextWeekday(boxingHoliday.plusDays(1));
        }
        days.add(christmasHoliday);
        days.add(boxingHoliday);

        days.addAll(oneOffs(year));
        return Collections.unmodifiableSet(days);
    }

    private static LocalDate earlyMay(int year) {
        return switch (year) {
            case 1995 -> LocalDate.of(1995, 5, 8); // 50th anniversary of VE Day
            case 2020 -> LocalDate.of(2020, 5, 8); // 75th anniversary of VE Day
            default -> LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
        };
    }

    /** The spring bank holiday, moved into June in jubilee years to make a four-day weekend. */
    private static Set<LocalDate> spring(int year) {
        return switch (year) {
            case 2002 -> Set.of(LocalDate.of(2002, 6, 3), LocalDate.of(2002, 6, 4)); // Golden Jubilee
            case 2012 -> Set.of(LocalDate.of(2012, 6, 4), LocalDate.of(2012, 6, 5)); // Diamond Jubilee
            case 2022 -> Set.of(LocalDate.of(2022, 6, 2), LocalDate.of(2022, 6, 3)); // Platinum Jubilee
            default -> Set.of(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        };
    }

    private static Set<LocalDate> oneOffs(int year) {
        return switch (year) {
            case 1999 -> Set.of(LocalDate.of(1999, 12, 31)); // millennium
            case 2011 -> Set.of(LocalDate.of(2011, 4, 29)); // royal wedding
            case 2022 -> Set.of(LocalDate.of(2022, 9, 19)); // state funeral of Queen Elizabeth II
            case 2023 -> Set.of(LocalDate.of(2023, 5, 8)); // coronation of King Charles III
            default -> Set.of();
        };
    }

    private static LocalDate nextWeekday(LocalDate date) {
        LocalDate d = date;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
