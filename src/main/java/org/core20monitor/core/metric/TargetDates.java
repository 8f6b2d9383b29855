package org.core20monitor.core.metric;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The month by which each metric with a national target is to meet it, for the trajectories. The
 * defaults are the end of the 2026/27 financial year (March 2027) for PIFU, follow-up reduction,
 * specialist advice, remote consultations and the long-wait metrics, and March 2029 for 92% within 18
 * weeks, as the medium-term planning framework sets it. A deployment overrides them with
 * {@code TARGET_DATES}, e.g. {@code pifu_rate=2027-03,over_52w=2026-03}.
 */
public final class TargetDates {

    public static final YearMonth DEFAULT = YearMonth.of(2027, 3);

    private final Map<Metric, YearMonth> dates;

    private TargetDates(Map<Metric, YearMonth> dates) {
        this.dates = Collections.unmodifiableMap(dates);
    }

    public static TargetDates defaults() {
        Map<Metric, YearMonth> dates = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            if (m.target != null) {
                dates.put(m, m == Metric.WITHIN_18W ? YearMonth.of(2029, 3) : DEFAULT);
            }
        }
        return new TargetDates(dates);
    }

    /**
     * The defaults with {@code overrides} ("metric=YYYY-MM" separated by commas) applied; blank or null
     * gives the defaults.
     *
     * @throws IllegalArgumentException for an unknown metric, a metric with no target or a bad month
     */
    public static TargetDates parse(String overrides) {
        Map<Metric, YearMonth> dates = new EnumMap<>(defaults().dates);
        if (overrides == null || overrides.isBlank()) {
            return new TargetDates(dates);
        }
        for (String entry : overrides.split(",")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("target date '" + entry.trim() + "' is not metric=YYYY-MM");
            }
            Metric metric = Metric.byId(parts[0].trim());
            if (metric.target == null) {
                throw new IllegalArgumentException("metric '" + metric.id + "' has no national target");
            }
            try {
                dates.put(metric, YearMonth.parse(parts[1].trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("target date for " + metric.id + " must be YYYY-MM, was '"
                        + parts[1].trim() + "'");
            }
        }
        return new TargetDates(dates);
    }

    /** The month the metric's target is due, or null for a metric without a target. */
    public YearMonth of(Metric metric) {
        return dates.get(metric);
    }
}
