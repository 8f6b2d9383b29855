package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Waiting-list figures from a histogram of waits in days (SPEC §5). */
class WaitStatsTest {

    private static NavigableMap<Long, Long> histogram(long... days) {
        NavigableMap<Long, Long> h = new TreeMap<>();
        for (long d : days) {
            h.merge(d, 1L, Long::sum);
        }
        return h;
    }

    /** The median by sorting the waits, written out here. */
    private static Double sortedMedian(long[] days) {
        if (days.length == 0) {
            return null;
        }
        long[] s = days.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    @ParameterizedTest(name = "{0} days: within 18w {1}, over 52w {2}, 65w {3}, 78w {4}, 104w {5}")
    @CsvSource({
            "0,   1, 0, 0, 0, 0",
            "125, 1, 0, 0, 0, 0",
            "126, 1, 0, 0, 0, 0",   // 18 weeks exactly is within 18 weeks
            "127, 0, 0, 0, 0, 0",
            "364, 0, 0, 0, 0, 0",   // 52 weeks exactly is not over 52 weeks
            "365, 0, 1, 0, 0, 0",
            "455, 0, 1, 0, 0, 0",
            "456, 0, 1, 1, 0, 0",
            "546, 0, 1, 1, 0, 0",
            "547, 0, 1, 1, 1, 0",
            "728, 0, 1, 1, 1, 0",
            "729, 0, 1, 1, 1, 1",
            "3000, 0, 1, 1, 1, 1"})
    void bandsAtTheirBoundaries(long days, long within18, long over52, long over65, long over78, long over104) {
        WaitStats s = WaitStats.of(histogram(days));
        assertThat(s.pathways()).isEqualTo(1);
        assertThat(s.within18w()).isEqualTo(within18);
        assertThat(s.over52w()).isEqualTo(over52);
        assertThat(s.over65w()).isEqualTo(over65);
        assertThat(s.over78w()).isEqualTo(over78);
        assertThat(s.over104w()).isEqualTo(over104);
        assertThat(s.medianDays()).isEqualTo((double) days);
    }

    @Test
    void countsAreWeightedByTheHistogram() {
        NavigableMap<Long, Long> h = new TreeMap<>(Map.of(126L, 10L, 127L, 3L, 364L, 4L, 365L, 5L, 729L, 2L));
        WaitStats s = WaitStats.of(h);
        assertThat(s.pathways()).isEqualTo(24);
        assertThat(s.within18w()).isEqualTo(10);
        assertThat(s.over52w()).isEqualTo(7);
        assertThat(s.over65w()).isEqualTo(2);
        assertThat(s.over78w()).isEqualTo(2);
        assertThat(s.over104w()).isEqualTo(2);
        // ranks 12 and 13 of 24: 127 and 127
        assertThat(s.medianDays()).isEqualTo(127.0);
        assertThat(s.numerator(Metric.WAITING_LIST)).isEqualTo(24);
        assertThat(s.numerator(Metric.WITHIN_18W)).isEqualTo(10);
        assertThat(s.numerator(Metric.OVER_52W)).isEqualTo(7);
        assertThat(s.numerator(Metric.OVER_65W)).isEqualTo(2);
        assertThat(s.numerator(Metric.OVER_78W)).isEqualTo(2);
        assertThat(s.numerator(Metric.OVER_104W)).isEqualTo(2);
        assertThat(s.numerator(Metric.MEDIAN_WAIT_WEEKS)).isEqualTo(24);
        assertThat(s.numerator(Metric.MEDIAN_WAIT_COMPLETED)).isEqualTo(24);
        assertThatThrownBy(() -> s.numerator(Metric.PIFU_RATE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(WaitStats.of(histogram(10, 3, 7)).medianDays()).isEqualTo(7.0);
        assertThat(WaitStats.of(histogram(10, 3, 7, 8)).medianDays()).isEqualTo(7.5);
        assertThat(WaitStats.of(histogram(5, 5)).medianDays()).isEqualTo(5.0);
        assertThat(WaitStats.of(histogram(0, 1)).medianDays()).isEqualTo(0.5);
        assertThat(WaitStats.of(histogram(100)).medianDays()).isEqualTo(100.0);
    }

    @Test
    void anEmptyHistogramHasNoPathwaysAndNoMedian() {
        WaitStats s = WaitStats.of(new TreeMap<>());
        assertThat(s).isEqualTo(WaitStats.NONE);
        assertThat(s.medianDays()).isNull();
        // zero counts in the histogram are no pathways
        assertThat(WaitStats.of(new TreeMap<>(Map.of(40L, 0L)))).isEqualTo(WaitStats.NONE);
    }

    @Test
    void randomHistogramsAgainstPlainLoops() {
        Random random = new Random(126_364L);
        for (int trial = 0; trial < 500; trial++) {
            int n = random.nextInt(trial % 2 == 0 ? 9 : 200) + (trial % 7 == 0 ? 0 : 1);
            long[] days = new long[n];
            for (int i = 0; i < n; i++) {
                // clustered around the thresholds so the boundaries are hit often
                long[] near = {0, 126, 364, 455, 546, 728};
                days[i] = random.nextBoolean() ? random.nextInt(1000)
                        : Math.max(0, near[random.nextInt(near.length)] + random.nextInt(5) - 2);
            }
            WaitStats s = WaitStats.of(histogram(days));
            String where = "trial " + trial + " " + Arrays.toString(days);
            assertThat(s.pathways()).as(where).isEqualTo(n);
            assertThat(s.within18w()).as(where).isEqualTo(Arrays.stream(days).filter(d -> d <= 18 * 7).count());
            assertThat(s.over52w()).as(where).isEqualTo(Arrays.stream(days).filter(d -> d > 52 * 7).count());
            assertThat(s.over65w()).as(where).isEqualTo(Arrays.stream(days).filter(d -> d > 65 * 7).count());
            assertThat(s.over78w()).as(where).isEqualTo(Arrays.stream(days).filter(d -> d > 78 * 7).count());
            assertThat(s.over104w()).as(where).isEqualTo(Arrays.stream(days).filter(d -> d > 104 * 7).count());
            assertThat(s.medianDays()).as(where).isEqualTo(sortedMedian(days));
        }
    }
}
