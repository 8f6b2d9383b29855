package org.core20monitor.core.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The median of a multiset of whole numbers (e.g. waits in days), given as values or as a histogram
 * (value → how many), and the distribution-free 95% interval for a population median from order
 * statistics (Conover, "Practical Nonparametric Statistics", §3.2; the normal approximation to the
 * binomial ranks used by e.g. PHE for median waits).
 *
 * <p>Interval convention: with n values sorted ascending and 1-based ranks, the limits are the values
 * of rank j = round(n/2 − z√n/2) and k = round(1 + n/2 + z√n/2), rounding halves up, each clamped to
 * [1, n]. For n = 100 at 95% that is ranks 40 and 61. With few values the clamped ranks cover less
 * than 95% (at n = 1 the interval is the single value).
 *
 * <p>Every method returns null for an empty multiset.
 */
public final class Median {

    private Median() {}

    /** The median; the mean of the two middle values when the count is even. */
    public static Double median(long[] values) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = sortedCopy(values);
        int n = sorted.length;
        return n % 2 == 1 ? (double) sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    }

    /**
     * The median of a histogram, value → count (counts ≥ 0; zero counts are ignored).
     *
     * @throws IllegalArgumentException on a negative count
     */
    public static Double median(NavigableMap<Long, Long> histogram) {
        long[][] h = arrays(histogram);
        return median(h[0], h[1]);
    }

    /**
     * The median of a histogram given as ascending distinct values and how many of each (counts ≥ 0).
     *
     * @throws IllegalArgumentException on a negative count
     */
    public static Double median(long[] values, long[] counts) {
        long n = total(values, counts);
        if (n == 0) {
            return null;
        }
        return n % 2 == 1
                ? (double) ofRank(values, counts, n / 2 + 1)
                : (ofRank(values, counts, n / 2) + (double) ofRank(values, counts, n / 2 + 1)) / 2;
    }

    /** The 95% order-statistic interval for the median. */
    public static Interval interval95(long[] values) {
        return interval(values, WilsonInterval.Z95);
    }

    /** The order-statistic interval for the median at normal quantile {@code z}. */
    public static Interval interval(long[] values, double z) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = sortedCopy(values);
        long[] ranks = ranks(sorted.length, z);
        return new Interval(sorted[(int) ranks[0] - 1], sorted[(int) ranks[1] - 1]);
    }

    /** The 95% order-statistic interval for the median of a histogram. */
    public static Interval interval95(NavigableMap<Long, Long> histogram) {
        return interval(histogram, WilsonInterval.Z95);
    }

    /** The order-statistic interval for the median of a histogram at normal quantile {@code z}. */
    public static Interval interval(NavigableMap<Long, Long> histogram, double z) {
        long[][] h = arrays(histogram);
        return interval(h[0], h[1], z);
    }

    /** The order-statistic interval for the median of ascending distinct values with their counts. */
    public static Interval interval(long[] values, long[] counts, double z) {
        long n = total(values, counts);
        if (n == 0) {
            return null;
        }
        long[] ranks = ranks(n, z);
        return new Interval(ofRank(values, counts, ranks[0]), ofRank(values, counts, ranks[1]));
    }

    /** The 1-based ranks {j, k} of the interval's limits among n sorted values. */
    static long[] ranks(long n, double z) {
        double half = z * Math.sqrt(n) / 2;
        long j = Math.round(n / 2.0 - half);
        long k = Math.round(1 + n / 2.0 + half);
        return new long[] {clamp(j, n), clamp(k, n)};
    }

    private static long clamp(long rank, long n) {
        return Math.max(1, Math.min(n, rank));
    }

    private static long[] sortedCopy(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static long[][] arrays(NavigableMap<Long, Long> histogram) {
        long[] values = new long[histogram.size()];
        long[] counts = new long[histogram.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            values[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return new long[][] {values, counts};
    }

    private static long total(long[] values, long[] counts) {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("value " + values[i] + " has count " + counts[i]);
            }
            n += counts[i];
        }
        return n;
    }

    /** The value of 1-based rank r in ascending order. */
    private static long ofRank(long[] values, long[] counts, long r) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= r) {
                return values[i];
            }
        }
        throw new IllegalStateException("rank " + r + " beyond " + seen + " values");
    }
}
