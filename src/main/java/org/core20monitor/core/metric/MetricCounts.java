package org.core20monitor.core.metric;

import java.util.Arrays;
import org.core20monitor.core.event.OutpatientEvent;

/**
 * Numerator and denominator counts of every event metric ({@link Metric#EVENT_METRICS}) for every
 * group slot of every breakdown, for one period and scope. A flat array, cheap to update and to keep
 * in stream state; {@link Breakdowns} says which slot is which.
 */
public class MetricCounts {

    private static final int METRICS = Metric.EVENT_METRICS.length;

    /** Public so that stream state can serialise it as a plain object. */
    public long[] cells = new long[0];

    public MetricCounts() {}

    public MetricCounts(int slots) {
        cells = new long[METRICS * slots * 2];
    }

    /**
     * Adds one event's contributions to the given slots (one per breakdown, from
     * {@link Breakdowns#slotsOf}); returns false when it counts towards no metric.
     */
    public boolean add(OutpatientEvent event, int[] slots, int totalSlots) {
        int[] numerators = new int[METRICS];
        int[] denominators = new int[METRICS];
        if (!increments(event, numerators, denominators)) {
            return false;
        }
        add(numerators, denominators, slots, totalSlots);
        return true;
    }

    /** Fills each event metric's numerator and denominator increments; false when all are 0. */
    public static boolean increments(OutpatientEvent event, int[] numerators, int[] denominators) {
        boolean counted = false;
        for (Metric m : Metric.EVENT_METRICS) {
            numerators[m.ordinal()] = m.numerator(event);
            denominators[m.ordinal()] = m.denominator(event);
            counted |= numerators[m.ordinal()] != 0 || denominators[m.ordinal()] != 0;
        }
        return counted;
    }

    /** Adds increments (indexed like {@link Metric#EVENT_METRICS}) to the given slots. */
    public void add(int[] numerators, int[] denominators, int[] slots, int totalSlots) {
        if (cells.length == 0) {
            cells = new long[METRICS * totalSlots * 2];
        }
        for (int m = 0; m < METRICS; m++) {
            if (numerators[m] == 0 && denominators[m] == 0) {
                continue;
            }
            int base = m * totalSlots * 2;
            for (int slot : slots) {
                cells[base + 2 * slot] += numerators[m];
                cells[base + 2 * slot + 1] += denominators[m];
            }
        }
    }

    public long numerator(Metric m, int slot) {
        return cells.length == 0 ? 0 : cells[index(m, slot)];
    }

    public long denominator(Metric m, int slot) {
        return cells.length == 0 ? 0 : cells[index(m, slot) + 1];
    }

    private int index(Metric m, int slot) {
        if (m.source != Metric.Source.EVENTS) {
            throw new IllegalArgumentException(m.id + " is not counted from events");
        }
        int totalSlots = cells.length / (METRICS * 2);
        return m.ordinal() * totalSlots * 2 + 2 * slot;
    }

    /** Whether any event has been counted for any metric. */
    public boolean isEmpty() {
        for (long c : cells) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricCounts other && Arrays.equals(cells, other.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }
}
