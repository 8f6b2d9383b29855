package org.core20monitor.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Statistical process control for a monthly series: the XmR chart and special-cause rules of NHS
 * England's "Making Data Count", with its variation and assurance icons.
 *
 * <p>Limits are mean ± 2.66 × mean moving range. Special cause at a point when it is outside the
 * limits; is one of a run of 7 or more consecutive points on the same side of the mean (a point on
 * the mean breaks a run); is one of a run of 7 or more consecutive points each strictly higher (or
 * each strictly lower) than the one before; or is beyond two-thirds of the way from the mean to a
 * limit while at least one other point of some 3 consecutive points is too, on the same side.
 *
 * <p>Missing months (null) are skipped: the moving ranges, runs and trends are taken over the present
 * values in order, as if the gaps were not there, and a missing month has no flags.
 */
public final class Spc {

    /** 2.66 = 3 / d₂ with d₂ = 1.128 for moving ranges of two. */
    public static final double LIMIT_FACTOR = 2.66;
    public static final int RUN_LENGTH = 7;
    public static final int TREND_LENGTH = 7;

    private Spc() {}

    /** Which way is good, as a metric's catalogue entry says. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER, CONTEXT }

    /** The variation icon, judged on the latest point. */
    public enum Variation {
        COMMON_CAUSE,
        SPECIAL_CAUSE_IMPROVEMENT,
        SPECIAL_CAUSE_CONCERN,
        /** Special cause in a metric with no good direction. */
        SPECIAL_CAUSE_NEITHER,
        /** Fewer than 2 values: no limits, so no judgement. */
        NOT_ENOUGH_DATA
    }

    /** The assurance icon: can the process be relied on to meet the target? */
    public enum Assurance { CONSISTENTLY_PASS, CONSISTENTLY_FAIL, HIT_AND_MISS, NONE }

    /**
     * One month: its value (null when missing) and which special-cause rules it is part of. A point
     * can be both {@code rising} and {@code falling} when it ends one trend and starts the other.
     */
    public record Point(Double value, boolean outsideLimits, boolean run, boolean rising, boolean falling,
                        boolean twoOfThree) {
        public boolean specialCause() {
            return outsideLimits || run || rising || falling || twoOfThree;
        }
    }

    /**
     * The chart. {@code mean} is null with no values; the moving range and limits are null with
     * fewer than 2. {@code points} has one entry per input month, in order.
     */
    public record Chart(Double mean, Double meanMovingRange, Double upperLimit, Double lowerLimit,
                        List<Point> points, Variation variation, Assurance assurance) {}

    /**
     * Charts {@code values} (oldest first; null for a missing month).
     *
     * @param direction which way is good; null is taken as CONTEXT
     * @param target    the target in the values' unit, or null for none
     */
    public static Chart chart(List<Double> values, Direction direction, Double target) {
        Direction dir = direction == null ? Direction.CONTEXT : direction;
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v != null) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("month " + i + " has value " + v);
                }
                present.add(i);
            }
        }
        int n = present.size();
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = values.get(present.get(j));
        }
        if (n < 2) {
            List<Point> points = new ArrayList<>();
            for (Double v : values) {
                points.add(new Point(v, false, false, false, false, false));
            }
            Double mean = n == 1 ? x[0] : null;
            return new Chart(mean, null, null, null, Collections.unmodifiableList(points),
                    Variation.NOT_ENOUGH_DATA, Assurance.NONE);
        }

        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double mr = 0;
        for (int j = 1; j < n; j++) {
            mr += Math.abs(x[j] - x[j - 1]);
        }
        mr /= n - 1;
        double upper = mean + LIMIT_FACTOR * mr;
        double lower = mean - LIMIT_FACTOR * mr;

        boolean[] outside = new boolean[n];
        for (int j = 0; j < n; j++) {
            outside[j] = x[j] > upper || x[j] < lower;
        }
        boolean[] run = runs(x, mean);
        boolean[] rising = trends(x, 1);
        boolean[] falling = trends(x, -1);
        boolean[] twoOfThree = twoOfThree(x, mean, upper, lower);

        List<Point> points = new ArrayList<>(
                Collections.nCopies(values.size(), new Point(null, false, false, false, false, false)));
        for (int j = 0; j < n; j++) {
            points.set(present.get(j),
                    new Point(x[j], outside[j], run[j], rising[j], falling[j], twoOfThree[j]));
        }
        Point latest = points.get(present.get(n - 1));
        return new Chart(mean, mr, upper, lower, Collections.unmodifiableList(points),
                variation(latest, mean, dir), assurance(target, dir, upper, lower));
    }

    /** Sign of (v − mean): +1 above, −1 below, 0 on the mean. */
    private static int side(double v, double mean) {
        return v > mean ? 1 : v < mean ? -1 : 0;
    }

    private static boolean[] runs(double[] x, double mean) {
        boolean[] flag = new boolean[x.length];
        int start = 0;
        for (int j = 1; j <= x.length; j++) {
            boolean sameRun = j < x.length && side(x[j], mean) != 0 && side(x[j], mean) == side(x[start], mean);
            if (!sameRun) {
                if (side(x[start], mean) != 0 && j - start >= RUN_LENGTH) {
                    for (int t = start; t < j; t++) {
                        flag[t] = true;
                    }
                }
                start = j;
            }
        }
        return flag;
    }

    /** Points in a run of TREND_LENGTH or more, each strictly above (dir +1) or below (−1) the last. */
    private static boolean[] trends(double[] x, int dir) {
        boolean[] flag = new boolean[x.length];
        int start = 0;
        for (int j = 1; j <= x.length; j++) {
            boolean continues = j < x.length && side(x[j], x[j - 1]) == dir;
            if (!continues) {
                if (j - start >= TREND_LENGTH) {
                    for (int t = start; t < j; t++) {
                        flag[t] = true;
                    }
                }
                start = j;
            }
        }
        return flag;
    }

    private static boolean[] twoOfThree(double[] x, double mean, double upper, double lower) {
        double high = mean + 2.0 / 3 * (upper - mean);
        double low = mean - 2.0 / 3 * (mean - lower);
        boolean[] flag = new boolean[x.length];
        for (int start = 0; start + 3 <= x.length; start++) {
            int above = 0;
            int below = 0;
            for (int t = start; t < start + 3; t++) {
                above += x[t] > high ? 1 : 0;
                below += x[t] < low ? 1 : 0;
            }
            for (int t = start; t < start + 3; t++) {
                flag[t] |= (above >= 2 && x[t] > high) || (below >= 2 && x[t] < low);
            }
        }
        return flag;
    }

    /**
     * A point's special cause (the chart's icon is that of the latest point), read as high or low: by
     * its side of the mean when it breaks a limit, run or two-of-three rule (those are about level),
     * else by the direction of its trend. Charts use it to colour every special-cause month.
     */
    public static Variation variation(Point latest, double mean, Direction dir) {
        if (!latest.specialCause()) {
            return Variation.COMMON_CAUSE;
        }
        if (dir == Direction.CONTEXT) {
            return Variation.SPECIAL_CAUSE_NEITHER;
        }
        boolean levelRule = latest.outsideLimits() || latest.run() || latest.twoOfThree();
        // The latest point can only end a trend, never start one, so it is rising or falling, not both;
        // a point inside the series that ends one trend and starts the other is read as rising.
        int high = levelRule ? side(latest.value(), mean) : latest.rising() ? 1 : -1;
        if (high == 0) {
            // Not reachable: the level rules need a point strictly off the mean.
            return Variation.SPECIAL_CAUSE_NEITHER;
        }
        boolean good = (high > 0) == (dir == Direction.HIGHER_IS_BETTER);
        return good ? Variation.SPECIAL_CAUSE_IMPROVEMENT : Variation.SPECIAL_CAUSE_CONCERN;
    }

    /**
     * A target below the lower limit of a higher-is-better metric is met by every value the process
     * produces (and one above the upper limit by none); the other way round when lower is better. A
     * target exactly on a limit counts as met when values on that limit meet it.
     */
    private static Assurance assurance(Double target, Direction dir, double upper, double lower) {
        if (target == null || dir == Direction.CONTEXT) {
            return Assurance.NONE;
        }
        if (dir == Direction.HIGHER_IS_BETTER) {
            return target <= lower ? Assurance.CONSISTENTLY_PASS
                    : target > upper ? Assurance.CONSISTENTLY_FAIL : Assurance.HIT_AND_MISS;
        }
        return target >= upper ? Assurance.CONSISTENTLY_PASS
                : target < lower ? Assurance.CONSISTENTLY_FAIL : Assurance.HIT_AND_MISS;
    }
}
