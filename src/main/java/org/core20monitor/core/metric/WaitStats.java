package org.core20monitor.core.metric;

import java.io.Serializable;
import java.util.Map;
import java.util.NavigableMap;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.Median;
import org.core20monitor.core.stats.WilsonInterval;

/**
 * The waiting-list figures of one group at one date (SPEC §5): open pathways, those within 18 weeks
 * and over 52, 65, 78 and 104 weeks, and the median wait with its exact order-statistic 95% interval,
 * from a histogram of waits in days. Also
 * used for pathways completed in a month (their waits at the clock stop).
 */
public record WaitStats(long pathways, long within18w, long over52w, long over65w, long over78w, long over104w,
                        Double medianDays, Double medianLowerDays, Double medianUpperDays) implements Serializable {

    public static final WaitStats NONE = new WaitStats(0, 0, 0, 0, 0, 0, null, null, null);

    /** From waits in days (key) and how many pathways have each (value). */
    public static WaitStats of(NavigableMap<Long, Long> waitDays) {
        long[] waits = new long[waitDays.size()];
        long[] counts = new long[waitDays.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : waitDays.entrySet()) {
            waits[i] = e.getKey();
            counts[i++] = e.getValue();
        }
        return of(waits, counts);
    }

    /** From ascending distinct waits in days and how many pathways have each (counts ≥ 0). */
    public static WaitStats of(long[] waits, long[] counts) {
        long n = 0;
        long within18 = 0;
        long over52 = 0;
        long over65 = 0;
        long over78 = 0;
        long over104 = 0;
        for (int i = 0; i < waits.length; i++) {
            long days = waits[i];
            long count = counts[i];
            n += count;
            within18 += days <= Metric.DAYS_18W ? count : 0;
            over52 += days > 7 * 52 ? count : 0;
            over65 += days > 7 * 65 ? count : 0;
            over78 += days > 7 * 78 ? count : 0;
            over104 += days > 7 * 104 ? count : 0;
        }
        if (n == 0) {
            Median.median(waits, counts); // refuses negative counts, as the median would
            return NONE;
        }
        Interval ci = Median.interval(waits, counts, WilsonInterval.Z95);
        return new WaitStats(n, within18, over52, over65, over78, over104, Median.median(waits, counts),
                ci.lower(), ci.upper());
    }

    /** The numerator of a waits metric for this group. */
    public long numerator(Metric m) {
        return switch (m) {
            case WAITING_LIST, MEDIAN_WAIT_WEEKS, MEDIAN_WAIT_COMPLETED -> pathways;
            case WITHIN_18W -> within18w;
            case OVER_52W -> over52w;
            case OVER_65W -> over65w;
            case OVER_78W -> over78w;
            case OVER_104W -> over104w;
            default -> throw new IllegalArgumentException(m.id + " is not a waits metric");
        };
    }
}
