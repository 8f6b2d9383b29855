package org.core20monitor.core.view;

/**
 * Inequality statistics across IMD quintiles (SPEC §6). Not yet computed by the pipeline: views
 * carry null until the statistics land.
 */
public record Inequality(
        Double gap, Double gapLower, Double gapUpper,
        Double ratio, Double ratioLower, Double ratioUpper,
        Double sii, Double siiLower, Double siiUpper,
        Double rii, Double riiLower, Double riiUpper,
        String orientation) {}
