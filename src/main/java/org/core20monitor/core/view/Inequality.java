package org.core20monitor.core.view;

/**
 * Inequality across IMD quintiles or deciles (SPEC §6): the gap (most minus least deprived) and
 * ratio (most / least deprived) with 95% intervals, and the slope and relative indices of inequality
 * (SII reads "least deprived minus most deprived"), each with its method.
 */
public record Inequality(
        Double gap, Double gapLower, Double gapUpper,
        Double ratio, Double ratioLower, Double ratioUpper,
        Double sii, Double siiLower, Double siiUpper,
        Double rii, Double riiLower, Double riiUpper,
        String orientation,
        String gapMethod,
        String siiMethod,
        String note) {

    public static final String ORIENTATION = "least deprived minus most deprived";
}
