package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class MedianTest {

    static TreeMap<Long, Long> histogram(long... valueCountPairs) {
        TreeMap<Long, Long> h = new TreeMap<>();
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            h.put(valueCountPairs[i], valueCountPairs[i + 1]);
        }
        return h;
    }

    @Test
    void emptyHasNoMedianOrInterval() {
        assertThat(Median.median(new long[0])).isNull();
        assertThat(Median.median(new TreeMap<>())).isNull();
        assertThat(Median.median(histogram(4, 0))).isNull();
        assertThat(Median.interval95(new long[0])).isNull();
        assertThat(Median.interval95(new TreeMap<>())).isNull();
    }

    @Test
    void oddAndEvenCounts() {
        assertThat(Median.median(new long[] {7})).isEqualTo(7.0);
        assertThat(Median.median(new long[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(Median.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Median.median(new long[] {5, 5, 1, 9})).isEqualTo(5.0);
        assertThat(Median.median(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE - 3})).isEqualTo((double) Long.MAX_VALUE - 2);
        // values 1 1 3 8 8 8: the middle two are 3 and 8
        assertThat(Median.median(histogram(1, 2, 3, 1, 8, 3))).isEqualTo(5.5);
        assertThat(Median.median(histogram(1, 2, 3, 0, 8, 3))).isEqualTo(8.0);
    }

    @Test
    void inputIsNotSorted() {
        long[] values = {9, 2, 7};
        Median.median(values);
        Median.interval95(values);
        assertThat(values).containsExactly(9, 2, 7);
    }

    @Test
    void intervalRanksWorkedByHand() {
        // n = 10: 1.96·√10/2 = 3.0990, j = round(5 − 3.0990) = round(1.901) = 2, k = round(9.099) = 9
        long[] tens = {100, 10, 90, 20, 80, 30, 70, 40, 60, 50};
        assertThat(Median.interval95(tens)).isEqualTo(new Interval(20, 90));
        // n = 100: 1.96·10/2 = 9.8, j = round(40.2) = 40, k = round(60.8) = 61
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Median.interval95(hundred)).isEqualTo(new Interval(40, 61));
        // n = 1: ranks round(−0.48) and round(2.48) clamp to 1 and 1
        assertThat(Median.interval95(new long[] {6})).isEqualTo(new Interval(6, 6));
        // n = 4: 1.96·2/2 = 1.96, j = round(0.04) = 0 → 1, k = round(4.96) = 5 → 4
        assertThat(Median.interval95(new long[] {3, 1, 4, 2})).isEqualTo(new Interval(1, 4));
    }

    @Test
    void histogramIntervalMatchesTheExpandedValues() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            TreeMap<Long, Long> h = new TreeMap<>();
            int distinct = 1 + random.nextInt(30);
            for (int i = 0; i < distinct; i++) {
                h.merge((long) random.nextInt(400), (long) random.nextInt(12), Long::sum);
            }
            long[] expanded = h.entrySet().stream()
                    .flatMapToLong(e -> LongStream.generate(e::getKey).limit(e.getValue())).toArray();
            assertThat(Median.median(h)).isEqualTo(Median.median(expanded));
            assertThat(Median.interval95(h)).isEqualTo(Median.interval95(expanded));
        }
    }

    @Test
    void intervalCoversTheMedianAtLeast95PercentOfTheTime() {
        // The number of sample values below the population median is Binomial(n, ½), so the ranks
        // [j, k] cover it with probability P(j ≤ B ≤ k − 1), whatever the distribution.
        for (int n = 6; n <= 1000; n++) {
            long[] ranks = Median.ranks(n, WilsonInterval.Z95);
            BinomialDistribution b = new BinomialDistribution(n, 0.5);
            double coverage = b.cumulativeProbability((int) ranks[1] - 1) - b.cumulativeProbability((int) ranks[0] - 1);
            assertThat(coverage).as("coverage at n=%d", n).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void negativeCountThrows() {
        assertThatThrownBy(() -> Median.median(histogram(3, -1))).isInstanceOf(IllegalArgumentException.class);
    }
}
