package org.core20monitor.core.stats;

/**
 * The change in a gap between two periods (after minus before) with a 95% interval, treating the
 * two periods as independent samples: each gap's standard error is taken from its own 95% interval,
 * (upper − lower) / (2 × 1.959964), and the errors are combined in quadrature.
 */
public final class DifferenceInDifferences {

    private static final double Z = 1.959963984540054;

    private DifferenceInDifferences() {}

    /** after − before, with lower and upper 95% limits. */
    public record Result(double change, double lower, double upper) {
        /** Whether the interval excludes no change. */
        public boolean significant() {
            return lower > 0 || upper < 0;
        }
    }

    public static Result of(double gapBefore, Interval before, double gapAfter, Interval after) {
        double se = Math.hypot(standardError(before), standardError(after));
        double change = gapAfter - gapBefore;
        return new Result(change, change - Z * se, change + Z * se);
    }

    private static double standardError(Interval ci) {
        if (!(ci.upper() >= ci.lower())) {
            throw new IllegalArgumentException("not an interval: " + ci);
        }
        return (ci.upper() - ci.lower()) / (2 * Z);
    }

    /**
     * Whether the gap grew further from zero: the change is significant, the gap after is larger in
     * size than before, and the change points the way the gap after lies (so a gap that crossed zero
     * counts when it is now larger on the other side).
     */
    public static boolean widened(double gapBefore, double gapAfter, Result change) {
        return change.significant() && Math.abs(gapAfter) > Math.abs(gapBefore)
                && Math.signum(change.change()) == Math.signum(gapAfter);
    }
}
