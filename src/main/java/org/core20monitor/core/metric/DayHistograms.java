package org.core20monitor.core.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many pathways there are on each day (a wait in days, or a clock-start day) in each breakdown
 * slot: one dense array per slot over the days it has seen. Adding a pathway is an array increment
 * and the waiting-list figures are one pass in order, where a map keyed by slot and day would cost a
 * hash look-up for every slot of every pathway and a sort at every read.
 *
 * <p>Mutable, with public fields so a stream processor can keep it as keyed state and serialise it.
 */
public class DayHistograms {

    /** Per slot, the day that {@code counts[slot][0]} counts. */
    public long[] firstDay;
    /** Per slot, pathways by day from {@code firstDay[slot]}; null for a slot with none yet. */
    public int[][] counts;

    /** For serialisers. */
    public DayHistograms() {}

    public DayHistograms(int slots) {
        firstDay = new long[slots];
        counts = new int[slots][];
    }

    /** Adds {@code sign} (±1) at {@code day} in every one of the patient's slots. */
    public void add(int[] slots, long day, int sign) {
        for (int slot : slots) {
            int[] days = counts[slot];
            if (days == null || day < firstDay[slot] || day >= firstDay[slot] + days.length) {
                days = cover(slot, day);
            }
            days[(int) (day - firstDay[slot])] += sign;
        }
    }

    /** Each slot's figures, the days being waits in days. */
    public List<WaitStats> waits() {
        List<WaitStats> stats = new ArrayList<>(counts.length);
        for (int slot = 0; slot < counts.length; slot++) {
            int[] days = counts[slot];
            int n = nonZero(days);
            long[] waits = new long[n];
            long[] pathways = new long[n];
            int k = 0;
            for (int i = 0; days != null && i < days.length; i++) {
                if (days[i] != 0) {
                    waits[k] = firstDay[slot] + i;
                    pathways[k++] = days[i];
                }
            }
            stats.add(n == 0 ? WaitStats.NONE : WaitStats.of(waits, pathways));
        }
        return stats;
    }

    /**
     * Each slot's figures on day {@code asOf}, the days being clock-start days: the wait of a pathway
     * is {@code asOf} minus its start, and pathways starting after {@code asOf} are left out.
     */
    public List<WaitStats> waitsAt(long asOf) {
        List<WaitStats> stats = new ArrayList<>(counts.length);
        for (int slot = 0; slot < counts.length; slot++) {
            int[] days = counts[slot];
            int last = days == null ? -1 : (int) Math.min(days.length - 1, asOf - firstDay[slot]);
            int n = 0;
            for (int i = 0; i <= last; i++) {
                n += days[i] != 0 ? 1 : 0;
            }
            long[] waits = new long[n];
            long[] pathways = new long[n];
            int k = 0;
            for (int i = last; i >= 0; i--) { // latest start first: shortest wait first
                if (days[i] != 0) {
                    waits[k] = asOf - (firstDay[slot] + i);
                    pathways[k++] = days[i];
                }
            }
            stats.add(n == 0 ? WaitStats.NONE : WaitStats.of(waits, pathways));
        }
        return stats;
    }

    /** True when no slot counts any pathway. */
    public boolean isEmpty() {
        for (int[] days : counts) {
            if (nonZero(days) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives back the days at either end of each slot that no longer count a pathway, once they are
     * most of its array, so a list that lives for years holds the days of its open pathways only.
     */
    public void trim() {
        for (int slot = 0; slot < counts.length; slot++) {
            int[] days = counts[slot];
            if (days == null) {
                continue;
            }
            int from = 0;
            while (from < days.length && days[from] == 0) {
                from++;
            }
            if (from == days.length) {
                counts[slot] = null;
                continue;
            }
            int to = days.length;
            while (days[to - 1] == 0) {
                to--;
            }
            if (2 * (to - from) < days.length) {
                counts[slot] = Arrays.copyOfRange(days, from, to);
                firstDay[slot] += from;
            }
        }
    }

    /** Grows the slot's array to take {@code day}, with room to spare on that side. */
    private int[] cover(int slot, long day) {
        int[] days = counts[slot];
        if (days == null) {
            firstDay[slot] = day;
            return counts[slot] = new int[16];
        }
        long first = firstDay[slot];
        long end = first + days.length;
        long spare = Math.max(16, days.length / 4);
        long newFirst = day < first ? day - spare : first;
        long newEnd = day >= end ? day + 1 + spare : end;
        if (newEnd - newFirst > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("days " + newFirst + " to " + newEnd + " do not fit one histogram");
        }
        int[] grown = new int[(int) (newEnd - newFirst)];
        System.arraycopy(days, 0, grown, (int) (first - newFirst), days.length);
        firstDay[slot] = newFirst;
        return counts[slot] = grown;
    }

    private static int nonZero(int[] days) {
        int n = 0;
        for (int i = 0; days != null && i < days.length; i++) {
            n += days[i] != 0 ? 1 : 0;
        }
        return n;
    }
}
