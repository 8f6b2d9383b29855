package org.core20monitor.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import org.apache.flink.api.common.state.MapState;
import org.core20monitor.core.metric.WaitStats;

/**
 * Histograms of days (a wait, or a clock-start day) per breakdown slot, kept in one map state keyed by
 * slot and day, so a pathway's change touches one entry per breakdown.
 */
final class SlotHistograms {

    private SlotHistograms() {}

    static long key(int slot, long day) {
        return ((long) slot << 32) | day;
    }

    /** Adds {@code sign} (±1) at {@code day} in every slot of the patient; empty entries are removed. */
    static void add(MapState<Long, Long> histogram, int[] slots, long day, int sign) throws Exception {
        for (int slot : slots) {
            long key = key(slot, day);
            Long now = histogram.get(key);
            long next = (now == null ? 0 : now) + sign;
            if (next == 0) {
                histogram.remove(key);
            } else {
                histogram.put(key, next);
            }
        }
    }

    /**
     * Each slot's waiting-list figures, with {@code waitOf} turning a stored day into a wait in days
     * (negative: not yet on the list, left out).
     */
    static List<WaitStats> stats(MapState<Long, Long> histogram, int slots, LongUnaryOperator waitOf) throws Exception {
        List<NavigableMap<Long, Long>> bySlot = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            bySlot.add(new TreeMap<>());
        }
        for (Map.Entry<Long, Long> e : histogram.entries()) {
            long wait = waitOf.applyAsLong(e.getKey() & 0xFFFF_FFFFL);
            if (wait >= 0) {
                bySlot.get((int) (e.getKey() >>> 32)).merge(wait, e.getValue(), Long::sum);
            }
        }
        List<WaitStats> stats = new ArrayList<>(slots);
        for (NavigableMap<Long, Long> slot : bySlot) {
            stats.add(slot.isEmpty() ? WaitStats.NONE : WaitStats.of(slot));
        }
        return stats;
    }
}
