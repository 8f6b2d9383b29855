package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A group against the reference group (White for ethnicity, the least deprived quantile for
 * deprivation, the rest for Core20 and PLUS groups): difference and ratio of their values, each with
 * a 95% interval, whether either interval excludes no difference, and the gap in patients: how many
 * more (positive) or fewer (negative) of the group's patients would have had the outcome at the
 * reference group's rate, with its interval ({@link org.core20monitor.core.stats.GapInPatients}).
 */
public record ReferenceComparison(
        String reference,
        Double difference, Double differenceLower, Double differenceUpper,
        Double ratio, Double ratioLower, Double ratioUpper,
        boolean significant,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double patients,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double patientsLower,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double patientsUpper) {

    public ReferenceComparison(String reference, Double difference, Double differenceLower, Double differenceUpper,
                               Double ratio, Double ratioLower, Double ratioUpper, boolean significant) {
        this(reference, difference, differenceLower, differenceUpper, ratio, ratioLower, ratioUpper, significant,
                null, null, null);
    }
}
