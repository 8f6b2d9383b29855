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

    /** More slots than any breakdown list has (about 60 with the default PLUS groups). */
    static final int MAX_SLOTS = 1024;

    /**
     * Day and slot in one long whose low 32 bits differ for every entry of a histogram, so the keys
     * spread over the state's hash table (slot in the high bits would give every slot's days the same
     * few hash codes, and each look-up a walk through a collision tree).
     */
    static long key(int slot, long day) {
        return day * MAX_SLOTS + slot;
    }

    static long day(long key) {
        return Math.floorDiv(key, MAX_SLOTS);
    }

    static int slot(long key) {
        return (int) Math.floorMod(key, MAX_SLOTS);
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
        if (slots > MAX_SLOTS) {
            throw new IllegalArgumentException(slots + " breakdown slots: at most " + MAX_SLOTS + " fit the histogram key");
        }
        List<NavigableMap<Long, Long>> bySlot = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            bySlot.add(new TreeMap<>());
        }
        for (Map.Entry<Long, Long> e : histogram.entries()) {
            long wait = waitOf.applyAsLong(day(e.getKey()));
            if (wait >= 0) {
                bySlot.get(slot(e.getKey())).merge(wait, e.getValue(), Long::sum);
            }
        }
        List<WaitStats> stats = new ArrayList<>(slots);
        for (NavigableMap<Long, Long> slot : bySlot) {
            stats.add(slot.isEmpty() ? WaitStats.NONE : WaitStats.of(slot));
        }
        return stats;
    }
}
