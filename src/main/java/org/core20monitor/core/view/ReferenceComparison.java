package org.core20monitor.core.view;

/**
 * A group against the reference group (White for ethnicity): difference and ratio of their values,
 * each with a 95% interval, and whether either interval excludes no difference.
 */
public record ReferenceComparison(
        String reference,
        Double difference, Double differenceLower, Double differenceUpper,
        Double ratio, Double ratioLower, Double ratioUpper,
        boolean significant) {}
