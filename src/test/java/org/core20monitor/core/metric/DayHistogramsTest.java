package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The dense per-slot histograms against plain sorted maps of the same pathways. */
class DayHistogramsTest {

    private static final int SLOTS = 5;

    /** The same histograms as sorted maps, slot → day → pathways: the second implementation. */
    private static List<NavigableMap<Long, Long>> maps() {
        List<NavigableMap<Long, Long>> maps = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            maps.add(new TreeMap<>());
        }
        return maps;
    }

    private static void add(List<NavigableMap<Long, Long>> maps, int[] slots, long day, int sign) {
        for (int slot : slots) {
            maps.get(slot).merge(day, (long) sign, Long::sum);
            if (maps.get(slot).get(day) == 0) {
                maps.get(slot).remove(day);
            }
        }
    }

    @Test
    void waitsMatchSortedMapsThroughAdditionsAndRemovalsAtBothEnds() {
        Random random = new Random(11);
        DayHistograms h = new DayHistograms(SLOTS);
        List<NavigableMap<Long, Long>> maps = maps();
        List<long[]> added = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            if (!added.isEmpty() && random.nextInt(3) == 0) {
                long[] taken = added.remove(random.nextInt(added.size()));
                int[] slots = {(int) taken[1], (int) taken[2]};
                h.add(slots, taken[0], -1);
                add(maps, slots, taken[0], -1);
            } else {
                // Days wander down and up, so the arrays grow at both ends.
                long day = 20_000 + (step % 2 == 0 ? -step / 10 : step / 7) + random.nextInt(30);
                int a = random.nextInt(SLOTS);
                int b = random.nextInt(SLOTS);
                h.add(new int[] {a, b}, day, +1);
                add(maps, new int[] {a, b}, day, +1);
                added.add(new long[] {day, a, b});
            }
            if (step % 997 == 0) {
                h.trim();
            }
        }
        List<WaitStats> expected = new ArrayList<>();
        for (NavigableMap<Long, Long> m : maps) {
            expected.add(m.isEmpty() ? WaitStats.NONE : WaitStats.of(m));
        }
        assertThat(h.waits()).isEqualTo(expected);
        assertThat(h.isEmpty()).isFalse();
    }

    @Test
    void waitsAtADateCountFromTheClockStartAndLeaveOutLaterStarts() {
        DayHistograms h = new DayHistograms(2);
        // Slot 0: starts on days 100 (twice), 130 and 200; slot 1: one start on day 90.
        h.add(new int[] {0}, 100, +1);
        h.add(new int[] {0}, 100, +1);
        h.add(new int[] {0}, 130, +1);
        h.add(new int[] {0}, 200, +1);
        h.add(new int[] {1}, 90, +1);

        List<WaitStats> at150 = h.waitsAt(150);
        // Waits on day 150: 50, 50, 20; the start on day 200 is not on the list yet.
        assertThat(at150.get(0)).isEqualTo(WaitStats.of(new TreeMap<>(java.util.Map.of(50L, 2L, 20L, 1L))));
        assertThat(at150.get(0).pathways()).isEqualTo(3);
        assertThat(at150.get(0).medianDays()).isEqualTo(50.0);
        assertThat(at150.get(1).medianDays()).isEqualTo(60.0);
        // Before any start: nobody waiting.
        assertThat(h.waitsAt(80)).containsExactly(WaitStats.NONE, WaitStats.NONE);
    }

    @Test
    void emptiedSlotsAreEmptyAndTrimmedAway() {
        DayHistograms h = new DayHistograms(3);
        h.add(new int[] {0, 2}, 500, +1);
        h.add(new int[] {0, 2}, 500, -1);
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.waits()).containsExactly(WaitStats.NONE, WaitStats.NONE, WaitStats.NONE);
        h.trim();
        assertThat(java.util.Arrays.asList((Object[]) h.counts)).containsOnlyNulls();
    }

    @Test
    void trimKeepsOnlyTheDaysStillCounted() {
        DayHistograms h = new DayHistograms(1);
        for (long day = 1_000; day < 2_000; day++) {
            h.add(new int[] {0}, day, +1);
        }
        List<WaitStats> before = h.waitsAt(2_100);
        for (long day = 1_000; day < 1_900; day++) {
            h.add(new int[] {0}, day, -1);
        }
        h.trim();
        assertThat(h.counts[0].length).isEqualTo(100);
        assertThat(h.firstDay[0]).isEqualTo(1_900);
        assertThat(h.waitsAt(2_100).get(0).pathways()).isEqualTo(100);
        assertThat(before.get(0).pathways()).isEqualTo(1_000);
    }

    @Test
    void aNegativeCountIsRefused() {
        DayHistograms h = new DayHistograms(1);
        h.add(new int[] {0}, 10, -1);
        assertThatThrownBy(h::waits).isInstanceOf(IllegalArgumentException.class);
    }
}
