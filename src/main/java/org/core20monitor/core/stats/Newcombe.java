package org.core20monitor.core.stats;

/**
 * Newcombe's hybrid score interval for a difference of two independent proportions p1 − p2: method 10
 * of Newcombe (1998), "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Statistics in Medicine 17:873–890. It combines the two Wilson score
 * intervals, so it stays inside [−1, 1] and behaves at 0/n and n/n, unlike the Wald interval.
 */
public final class Newcombe {

    private Newcombe() {}

    /**
     * The interval for x1/n1 − x2/n2, as fractions. With (l1, u1) and (l2, u2) the Wilson limits of
     * each proportion: lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²).
     *
     * @throws IllegalArgumentException as {@link WilsonInterval#of} for an impossible proportion
     */
    public static Interval differenceOfProportions(long x1, long n1, long x2, long n2, double z) {
        Interval w1 = WilsonInterval.of(x1, n1, z);
        Interval w2 = WilsonInterval.of(x2, n2, z);
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double d = p1 - p2;
        double lower = d - Math.hypot(p1 - w1.lower(), w2.upper() - p2);
        double upper = d + Math.hypot(w1.upper() - p1, p2 - w2.lower());
        return new Interval(lower, upper);
    }

    /** The 95% interval for x1/n1 − x2/n2, as fractions. */
    public static Interval differenceOfProportions95(long x1, long n1, long x2, long n2) {
        return differenceOfProportions(x1, n1, x2, n2, WilsonInterval.Z95);
    }
}
