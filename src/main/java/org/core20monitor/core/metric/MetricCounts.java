package org.core20monitor.core.metric;

import java.util.Arrays;
import org.core20monitor.core.event.OutpatientEvent;

/**
 * Numerator and denominator counts of every metric, for every group of every breakdown, for one
 * period and scope. A flat array so that it is cheap to update and to keep in stream state.
 */
public class MetricCounts {

    private static final int[] METRIC_OFFSET = new int[Metric.values().length];
    private static final int[] BREAKDOWN_OFFSET = new int[Breakdown.values().length];
    private static final int SIZE;

    static {
        int perMetric = 0;
        for (Breakdown b : Breakdown.values()) {
            BREAKDOWN_OFFSET[b.ordinal()] = perMetric;
            perMetric += 2 * b.slots();
        }
        for (Metric m : Metric.values()) {
            METRIC_OFFSET[m.ordinal()] = m.ordinal() * perMetric;
        }
        SIZE = Metric.values().length * perMetric;
    }

    /** Public so that stream state can serialise it as a plain object. */
    public long[] cells = new long[SIZE];

    public MetricCounts() {}

    /** Adds one event's contributions; returns false when it counts towards no metric. */
    public boolean add(OutpatientEvent event, EventProfile profile) {
        boolean counted = false;
        for (Metric m : Metric.values()) {
            int num = m.numerator(event);
            int den = m.denominator(event);
            if (num == 0 && den == 0) {
                continue;
            }
            counted = true;
            for (Breakdown b : Breakdown.values()) {
                int at = index(m, b, b.slot(profile));
                cells[at] += num;
                cells[at + 1] += den;
            }
        }
        return counted;
    }

    public long numerator(Metric m, Breakdown b, int slot) {
        return cells[index(m, b, slot)];
    }

    public long denominator(Metric m, Breakdown b, int slot) {
        return cells[index(m, b, slot) + 1];
    }

    public long overallNumerator(Metric m) {
        return numerator(m, Breakdown.NONE, 0);
    }

    public long overallDenominator(Metric m) {
        return denominator(m, Breakdown.NONE, 0);
    }

    private static int index(Metric m, Breakdown b, int slot) {
        return METRIC_OFFSET[m.ordinal()] + BREAKDOWN_OFFSET[b.ordinal()] + 2 * slot;
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
