package org.core20monitor.core.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One group's figures in a view. Counts are unrounded inside the system; after disclosure control
 * a hidden count, value or interval is null and {@code suppressed} is true.
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
        boolean suppressed) {}
