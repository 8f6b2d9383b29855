package org.core20monitor.core.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Where a monthly series is heading: an ordinary least-squares line through its last months, the
 * month the line reaches a target, and a 95% prediction interval for a future month.
 *
 * <p>With months x (0 for the oldest of the window) and values y: slope b = Σ(x − x̄)(y − ȳ) / Sxx,
 * intercept a = ȳ − b·x̄, residual standard deviation s = √(Σ(y − a − b·x)² / (n − 2)). A future month
 * x₀ is predicted as a + b·x₀ with the interval ± t(0.975, n − 2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx):
 * where one month's value would fall, not only where the line is. Missing months are left out of the
 * fit and keep their place on the x axis.
 *
 * <p>The line reaches the target in the first whole month at or after the latest whose fitted value
 * meets it (at least the target for a "higher is better" metric, at most for "lower is better").
 */
public final class Trajectory {

    /** Months fitted: the latest and the 11 before it. */
    public static final int WINDOW = 12;
    /** Fewer months than this give no line. */
    public static final int MIN_POINTS = 6;
    /** A crossing further ahead than this many months is "not on the current trend". */
    public static final int HORIZON_MONTHS = 60;

    private Trajectory() {}

    public enum Status {
        /** The fitted value meets the target now and still does at the target date. */
        MEETING,
        /** The line reaches the target within the horizon. */
        REACHES,
        /** The fitted value meets the target now, but the line leaves it before the target date. */
        SLIPPING,
        /** The line is flat, moves away from the target, or reaches it only beyond the horizon. */
        NOT_ON_TREND,
        /** Fewer than {@link #MIN_POINTS} months. */
        NOT_ENOUGH_DATA
    }

    /** The fitted line: value at month x is {@code intercept + slope · x}. */
    public record Fit(int n, double intercept, double slope, double residualSd, double meanX, double sxx) {

        public double at(double x) {
            return intercept + slope * x;
        }

        /** The 95% prediction interval for one month's value at x. */
        public Interval predictionInterval(double x) {
            double t = new TDistribution(n - 2).inverseCumulativeProbability(0.975);
            double half = t * residualSd * Math.sqrt(1 + 1.0 / n + (x - meanX) * (x - meanX) / sxx);
            double y = at(x);
            return new Interval(y - half, y + half);
        }
    }

    /**
     * The projection of a series against its target.
     *
     * @param monthsAhead months after the latest month at which the line reaches the target (0 when it
     *                    meets it now); null when it does not within the horizon
     * @param onTime      the target is met now and at the target date, or reached by the target date
     */
    public record Projection(Status status, Fit fit, Integer monthsAhead, boolean onTime) {}

    /** The least-squares line through the present values, or null with fewer than {@link #MIN_POINTS}. */
    public static Fit fit(List<Double> values) {
        List<double[]> points = new ArrayList<>();
        for (int x = 0; x < values.size(); x++) {
            Double y = values.get(x);
            if (y != null) {
                if (!Double.isFinite(y)) {
                    throw new IllegalArgumentException("month " + x + " has value " + y);
                }
                points.add(new double[] {x, y});
            }
        }
        int n = points.size();
        if (n < MIN_POINTS) {
            return null;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - meanX) * (p[0] - meanX);
            sxy += (p[0] - meanX) * (p[1] - meanY);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double rss = 0;
        for (double[] p : points) {
            double r = p[1] - intercept - slope * p[0];
            rss += r * r;
        }
        return new Fit(n, intercept, slope, Math.sqrt(rss / (n - 2)), meanX, sxx);
    }

    /**
     * Projects {@code values} (oldest first, the last being the latest month; null for a missing
     * month) against {@code target}.
     *
     * @param higherIsBetter   whether meeting the target means being at or above it
     * @param monthsToDeadline months from the latest month to the target date (0 or less when it has passed)
     */
    public static Projection project(List<Double> values, double target, boolean higherIsBetter,
                                     int monthsToDeadline) {
        Fit fit = fit(values);
        if (fit == null) {
            return new Projection(Status.NOT_ENOUGH_DATA, null, null, false);
        }
        int latest = values.size() - 1;
        double now = fit.at(latest);
        int deadline = Math.max(0, monthsToDeadline);
        if (meets(now, target, higherIsBetter)) {
            boolean holds = meets(fit.at(latest + deadline), target, higherIsBetter);
            return new Projection(holds ? Status.MEETING : Status.SLIPPING, fit, 0, holds);
        }
        boolean towards = higherIsBetter ? fit.slope() > 0 : fit.slope() < 0;
        if (!towards) {
            return new Projection(Status.NOT_ON_TREND, fit, null, false);
        }
        // The first whole month whose fitted value meets the target; the division can land a hair short.
        double exact = (target - now) / fit.slope();
        if (exact > HORIZON_MONTHS) {
            return new Projection(Status.NOT_ON_TREND, fit, null, false);
        }
        int ahead = (int) Math.ceil(exact - 1e-9);
        while (!meets(fit.at(latest + ahead), target, higherIsBetter)) {
            ahead++;
        }
        if (ahead > HORIZON_MONTHS) {
            return new Projection(Status.NOT_ON_TREND, fit, null, false);
        }
        return new Projection(Status.REACHES, fit, ahead, ahead <= deadline);
    }

    /** Published values carry one or two decimals: a line a billionth short of the target has reached it. */
    private static final double TOLERANCE = 1e-9;

    static boolean meets(double value, double target, boolean higherIsBetter) {
        return higherIsBetter ? value >= target - TOLERANCE : value <= target + TOLERANCE;
    }
}
