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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> fit) {

    public static final String ORIENTATION = "least deprived minus most deprived";
    public static final int FIT_POINTS = 11;

    public Inequality {
        fit = fit == null ? null : List.copyOf(fit);
    }
}
