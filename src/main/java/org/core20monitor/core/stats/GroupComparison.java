package org.core20monitor.core.stats;

/**
 * One group (e.g. an ethnicity group) against a reference group (White), as SPEC §6 asks: the
 * difference and the ratio of their values, each with a 95% interval, and whether each interval
 * excludes "no difference" (0 for the difference, 1 for the ratio).
 *
 * <p>Proportions: Newcombe's hybrid score interval for the difference, the log (Katz) method for the
 * ratio. Rates and ratios of counts: the log method for the ratio of rates; for the difference, a
 * normal approximation whose standard errors are read off each group's own Byar interval,
 * SE = (U − L)/(2z), combined as √(SE₁² + SE₂²). Byar's interval is asymmetric, so this is an
 * approximation that is poor for small counts; it is used because it is consistent with the
 * per-group intervals the user sees and defined even when a count is 0.
 *
 * @param value                group's value, in the metric's unit
 * @param referenceValue       reference group's value, in the metric's unit
 * @param difference           value − referenceValue
 * @param differenceInterval   its 95% interval
 * @param ratio                value / referenceValue, null when the reference value is 0
 * @param ratioInterval        its 95% interval, null when either numerator is 0 (the log method is undefined)
 * @param differenceSignificant the difference interval excludes 0
 * @param ratioSignificant     the ratio interval excludes 1 (false when there is no interval)
 * @param differenceMethod     name of the difference method, for the catalogue
 * @param ratioMethod          name of the ratio method, for the catalogue
 */
public record GroupComparison(
        double value, double referenceValue,
        double difference, Interval differenceInterval,
        Double ratio, Interval ratioInterval,
        boolean differenceSignificant, boolean ratioSignificant,
        String differenceMethod, String ratioMethod) {

    public static final String NEWCOMBE = "Newcombe hybrid score (method 10)";
    public static final String LOG_METHOD = "log method (Katz)";
    public static final String NORMAL_ON_BYAR = "normal approximation, SEs from Byar intervals";

    /**
     * Proportion x/n against the reference refX/refN. Values, difference and its interval are
     * multiplied by {@code scale} (100 for percentages, so the difference is in percentage points);
     * the ratio has no unit.
     *
     * @throws IllegalArgumentException unless 0 ≤ x ≤ n and n > 0 for both proportions
     */
    public static GroupComparison ofProportions(long x, long n, long refX, long refN, double scale) {
        double z = WilsonInterval.Z95;
        double p = (double) x / n;
        double ref = (double) refX / refN;
        Interval diff = Newcombe.differenceOfProportions(x, n, refX, refN, z).scaled(scale);
        Interval ratioCi = RatioInterval.ratioOfProportions(x, n, refX, refN, z);
        return build(p * scale, ref * scale, diff, ratioCi, NEWCOMBE);
    }

    /**
     * Rate x/d × multiplier against refX/refD × multiplier (multiplier 100 for "per 100", 1 for a
     * ratio such as follow-ups per first).
     *
     * @throws IllegalArgumentException if a count is negative or a denominator not positive
     */
    public static GroupComparison ofRates(long x, double d, long refX, double refD, double multiplier) {
        double z = WilsonInterval.Z95;
        Interval own = RateInterval.of(x, d, multiplier, z);
        Interval refCi = RateInterval.of(refX, refD, multiplier, z);
        double r = x / d * multiplier;
        double ref = refX / refD * multiplier;
        double se = (own.upper() - own.lower()) / (2 * z);
        double refSe = (refCi.upper() - refCi.lower()) / (2 * z);
        double half = z * Math.hypot(se, refSe);
        Interval diff = new Interval(r - ref - half, r - ref + half);
        Interval ratioCi = RatioInterval.ratioOfRates(x, d, refX, refD, z);
        return build(r, ref, diff, ratioCi, NORMAL_ON_BYAR);
    }

    private static GroupComparison build(double value, double ref, Interval diff, Interval ratioCi, String diffMethod) {
        Double ratio = ref == 0 ? null : value / ref;
        return new GroupComparison(value, ref, value - ref, diff, ratio, ratioCi,
                !diff.contains(0), ratioCi != null && !ratioCi.contains(1), diffMethod, LOG_METHOD);
    }
}
