package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One group's figures in a view. Counts are unrounded inside the system; after disclosure control
 * a hidden count, value or interval is null and {@code suppressed} is true. For a median the
 * numerator is the number of pathways it is the median of; a count (the waiting list) has no
 * denominator.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupValue(
        String group,
        String label,
        Long numerator,
        Long denominator,
        Double value,
        Double lower,
        Double upper,
        String vsOverall,
        boolean suppressed,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReferenceComparison vsReference) {

    public GroupValue(String group, String label, Long numerator, Long denominator, Double value, Double lower,
                      Double upper, String vsOverall, boolean suppressed) {
        this(group, label, numerator, denominator, value, lower, upper, vsOverall, suppressed, null);
    }

    public GroupValue withReference(ReferenceComparison comparison) {
        return new GroupValue(group, label, numerator, denominator, value, lower, upper, vsOverall, suppressed,
                comparison);
    }
}
