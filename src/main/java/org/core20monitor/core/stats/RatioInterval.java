package org.core20monitor.core.stats;

/**
 * Intervals for the ratio of two proportions or two rates by the log method (Katz et al. 1978,
 * "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics 34:469–474): the
 * log of the ratio is taken as normal with the delta-method standard error.
 *
 * <p>The log method cannot handle a zero count (the log ratio is infinite and its standard error
 * undefined), so both methods return {@code null} when either numerator is 0: the caller shows the
 * ratio without an interval or not at all. Inputs that cannot be counts throw instead.
 */
public final class RatioInterval {

    private RatioInterval() {}

    /**
     * Interval for (x1/n1) / (x2/n2): exp(ln ratio ± z·SE), SE = √(1/x1 − 1/n1 + 1/x2 − 1/n2).
     *
     * @return the interval, or {@code null} when x1 or x2 is 0
     * @throws IllegalArgumentException unless 0 ≤ x ≤ n and n > 0 for both proportions
     */
    public static Interval ratioOfProportions(long x1, long n1, long x2, long n2, double z) {
        checkProportion(x1, n1);
        checkProportion(x2, n2);
        if (x1 == 0 || x2 == 0) {
            return null;
        }
        double logRatio = Math.log(((double) x1 / n1) / ((double) x2 / n2));
        double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        return around(logRatio, z * se);
    }

    /**
     * Interval for (x1/d1) / (x2/d2) where x are Poisson counts and d fixed denominators (person-time,
     * attendances): exp(ln ratio ± z·SE), SE = √(1/x1 + 1/x2). Any common multiplier (per 100) cancels.
     *
     * @return the interval, or {@code null} when x1 or x2 is 0
     * @throws IllegalArgumentException if a count is negative or a denominator not positive
     */
    public static Interval ratioOfRates(long x1, double d1, long x2, double d2, double z) {
        if (x1 < 0 || x2 < 0 || !(d1 > 0) || !(d2 > 0)) {
            throw new IllegalArgumentException(
                    "a ratio of rates needs counts >= 0 and positive denominators, got "
                            + x1 + "/" + d1 + " and " + x2 + "/" + d2);
        }
        if (x1 == 0 || x2 == 0) {
            return null;
        }
        double logRatio = Math.log((x1 / d1) / (x2 / d2));
        double se = Math.sqrt(1.0 / x1 + 1.0 / x2);
        return around(logRatio, z * se);
    }

    private static Interval around(double logRatio, double halfWidth) {
        return new Interval(Math.exp(logRatio - halfWidth), Math.exp(logRatio + halfWidth));
    }

    private static void checkProportion(long x, long n) {
        if (n <= 0 || x < 0 || x > n) {
            throw new IllegalArgumentException(
                    "a ratio of proportions needs 0 <= x <= n and n > 0, got " + x + "/" + n);
        }
    }
}
