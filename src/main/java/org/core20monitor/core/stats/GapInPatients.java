package org.core20monitor.core.stats;

/**
 * The gap in patients: how many more (positive) or fewer (negative) of a group's patients would have
 * had the outcome at the reference group's rate, d × (r_ref − r), with d the group's denominator and
 * r, r_ref the rates as fractions of it. The interval is the comparison's own interval of the
 * difference r − r_ref, scaled by −d: the group's denominator is taken as fixed, so the uncertainty is
 * that of the two rates, by the same method the view's comparison uses (Newcombe for proportions).
 *
 * <p>The population attributable risk across deprivation quantiles (as ScotPHO reports it) uses the
 * same sum: pooling the quantiles other than the reference into one group, the patients are
 * D′ × (r_ref − r′); the absolute PAR, the overall rate minus the reference rate, is
 * (D′ / D) × (r′ − r_ref), since the overall rate is the D′-weighted mix of r′ and r_ref; and the PAR
 * as a percentage of the overall rate is that over the overall rate (taken as fixed for the interval).
 */
public final class GapInPatients {

    private GapInPatients() {}

    /** Patients with a 95% interval; {@code lower ≤ patients ≤ upper}. */
    public record Patients(double patients, double lower, double upper) {}

    /**
     * @param comparison the group against its reference (values in the metric's unit)
     * @param denominator the group's denominator
     * @param scale       the metric's unit per fraction: 100 for percentages and rates per 100, 1 for ratios
     */
    public static Patients of(GroupComparison comparison, long denominator, double scale) {
        double perUnit = denominator / scale;
        Interval d = comparison.differenceInterval();
        return new Patients(-comparison.difference() * perUnit, -d.upper() * perUnit, -d.lower() * perUnit);
    }

    /**
     * The population attributable risk of the deprivation gradient.
     *
     * @param patients D′ × (r_ref − r′): patients the non-reference quantiles would gain at the reference rate
     * @param risk     overall rate − reference rate, in the metric's unit
     * @param percent  the risk as a percentage of the overall rate
     */
    public record AttributableRisk(Patients patients, double risk, double riskLower, double riskUpper,
                                   Double percent, Double percentLower, Double percentUpper) {}

    /**
     * @param pooled       the quantiles other than the reference, pooled, against the reference quantile
     * @param pooledDenominator D′, their total denominator
     * @param referenceDenominator the reference quantile's denominator
     * @param scale        as for {@link #of}
     */
    public static AttributableRisk attributable(GroupComparison pooled, long pooledDenominator,
                                                long referenceDenominator, double scale) {
        double share = (double) pooledDenominator / (pooledDenominator + referenceDenominator);
        Interval d = pooled.differenceInterval();
        double risk = share * pooled.difference();
        double lower = share * d.lower();
        double upper = share * d.upper();
        double overall = share * pooled.value() + (1 - share) * pooled.referenceValue();
        Double percent = null;
        Double percentLower = null;
        Double percentUpper = null;
        if (overall > 0) { // rates are never negative
            percent = 100 * risk / overall;
            percentLower = 100 * lower / overall;
            percentUpper = 100 * upper / overall;
        }
        return new AttributableRisk(of(pooled, pooledDenominator, scale), risk, lower, upper, percent, percentLower,
                percentUpper);
    }
}
