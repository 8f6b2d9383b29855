package org.core20monitor.core.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Wilson score interval for a proportion, as in PHEindicatormethods' {@code phe_proportion}. */
public final class WilsonInterval {

    private WilsonInterval() {}

    /** Two-sided normal quantile for a confidence level, e.g. 0.95 → 1.959964. */
    public static double z(double confidence) {
        return new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    public static final double Z95 = z(0.95);

    /** The interval for {@code numerator} of {@code denominator}, as fractions (0–1). */
    public static Interval of(long numerator, long denominator, double z) {
        if (denominator <= 0 || numerator < 0 || numerator > denominator) {
            throw new IllegalArgumentException(
                    "Wilson interval needs 0 <= numerator <= denominator and denominator > 0, got "
                            + numerator + "/" + denominator);
        }
        double n = denominator;
        double p = numerator / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double scale = 1 + z2 / n;
        // At 0/n and n/n the limit is exactly 0 or 1; rounding in the formula would leave a speck.
        double lower = numerator == 0 ? 0 : Math.max(0, (centre - spread) / scale);
        double upper = numerator == denominator ? 1 : Math.min(1, (centre + spread) / scale);
        return new Interval(lower, upper);
    }

    public static Interval of95(long numerator, long denominator) {
        return of(numerator, denominator, Z95);
    }
}
