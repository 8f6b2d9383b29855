package org.core20monitor.core.stats;

/**
 * Byar's approximation to the exact Poisson confidence interval on an observed count, as in
 * PHEindicatormethods' {@code byars_lower} and {@code byars_upper} (Breslow and Day 1987, vol. II, p. 69).
 *
 * <p>For an observed count O: lower = O·(1 − 1/(9O) − z/(3√O))³ and upper = (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
 */
public final class ByarInterval {

    private ByarInterval() {}

    /** The 95% interval on {@code count}, in the count's own unit. */
    public static Interval of95(long count) {
        return of(count, WilsonInterval.Z95);
    }

    /**
     * The interval on {@code count} for a two-sided normal quantile {@code z}.
     *
     * <p>At O = 0 the lower formula divides by zero; the lower limit of a zero count is 0. At small
     * counts and high confidence (e.g. O = 1 at z = 3.09) the cubed term goes negative, which a count
     * cannot be, so the lower limit is floored at 0.
     *
     * @throws IllegalArgumentException if the count is negative
     */
    public static Interval of(long count, double z) {
        if (count < 0) {
            throw new IllegalArgumentException("Byar's interval needs a count >= 0, got " + count);
        }
        double lower = count == 0 ? 0 : Math.max(0, cubeTerm(count, -z));
        double upper = cubeTerm(count + 1.0, z);
        return new Interval(lower, upper);
    }

    private static double cubeTerm(double o, double signedZ) {
        double t = 1 - 1 / (9 * o) + signedZ / (3 * Math.sqrt(o));
        return o * t * t * t;
    }
}
