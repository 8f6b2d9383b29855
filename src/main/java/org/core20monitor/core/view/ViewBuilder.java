package org.core20monitor.core.view;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.WilsonInterval;

/** Turns counts into a view: values, Wilson 95% intervals and each group against the overall. */
public final class ViewBuilder {

    private ViewBuilder() {}

    public static View build(Metric metric, Breakdown breakdown, String period, Scope scope, MetricCounts counts,
                             boolean provisional, String updatedAt) {
        GroupValue overall = figures(null, "All patients",
                counts.overallNumerator(metric), counts.overallDenominator(metric), null);
        List<GroupValue> groups = new ArrayList<>(breakdown.groups.size());
        for (int slot = 0; slot < breakdown.groups.size(); slot++) {
            groups.add(figures(breakdown.groups.get(slot), breakdown.labels.get(slot),
                    counts.numerator(metric, breakdown, slot), counts.denominator(metric, breakdown, slot),
                    overall.value()));
        }
        return new View(metric.id, period, provisional, scope, breakdown.id, updatedAt, overall, groups, null);
    }

    /** A proportion as a percentage with its Wilson 95% interval, compared with the overall value. */
    static GroupValue figures(String group, String label, long numerator, long denominator, Double overallValue) {
        if (denominator == 0) {
            return new GroupValue(group, label, numerator, denominator, null, null, null, null, false);
        }
        double value = 100.0 * numerator / denominator;
        Interval ci = WilsonInterval.of95(numerator, denominator).scaled(100);
        return new GroupValue(group, label, numerator, denominator, value, ci.lower(), ci.upper(),
                compare(ci, overallValue), false);
    }

    /** The Fingertips convention: the group differs when its interval excludes the overall value. */
    public static String compare(Interval groupInterval, Double overallValue) {
        if (overallValue == null) {
            return null;
        }
        if (groupInterval.lower() > overallValue) {
            return "higher";
        }
        return groupInterval.upper() < overallValue ? "lower" : "similar";
    }
}
