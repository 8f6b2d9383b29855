package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Inequality across IMD quintiles or deciles (SPEC §6): the gap (most minus least deprived) and
 * ratio (most / least deprived) with 95% intervals, and the slope and relative indices of inequality
 * (SII reads "least deprived minus most deprived"), each with its method. {@code fit} is the fitted
 * SII curve in the metric's unit at {@link #FIT_POINTS} evenly spaced points of the cumulative share
 * of the denominator, from the most deprived end (0) to the least deprived end (1), so a chart can
 * draw the line the SII is measured along.
 */
public record Inequality(
        Double gap, Double gapLower, Double gapUpper,
        Double ratio, Double ratioLower, Double ratioUpper,
        Double sii, Double siiLower, Double siiUpper,
        Double rii, Double riiLower, Double riiUpper,
        String orientation,
        String gapMethod,
        String siiMethod,
        String note,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> fit,
        @JsonInclude(JsonInclude.Include.NON_NULL) Attributable attributable) {

    public static final String ORIENTATION = "least deprived minus most deprived";
    public static final int FIT_POINTS = 11;

    public Inequality {
        fit = fit == null ? null : List.copyOf(fit);
    }

    public Inequality(Double gap, Double gapLower, Double gapUpper, Double ratio, Double ratioLower, Double ratioUpper,
                      Double sii, Double siiLower, Double siiUpper, Double rii, Double riiLower, Double riiUpper,
                      String orientation, String gapMethod, String siiMethod, String note, List<Double> fit) {
        this(gap, gapLower, gapUpper, ratio, ratioLower, ratioUpper, sii, siiLower, siiUpper, rii, riiLower, riiUpper,
                orientation, gapMethod, siiMethod, note, fit, null);
    }

    /**
     * The population attributable risk of the deprivation gradient (ScotPHO's PAR): what would change
     * if every quantile had the least deprived quantile's rate. {@code patients} is how many more
     * (positive) or fewer (negative) patients would have had the outcome; {@code risk} the overall
     * value minus the least deprived quantile's, in the metric's unit; {@code percent} that as a
     * percentage of the overall value (negative: the overall value would be that much higher). Each
     * has its 95% interval ({@link org.core20monitor.core.stats.GapInPatients#attributable}).
     */
    public record Attributable(Double patients, Double patientsLower, Double patientsUpper,
                               Double risk, Double riskLower, Double riskUpper,
                               Double percent, Double percentLower, Double percentUpper) {}
}
