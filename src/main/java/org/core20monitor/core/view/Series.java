package org.core20monitor.core.view;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.stats.Spc;

/**
 * A metric's monthly series for one scope and breakdown, with Making Data Count XmR charts of the
 * overall value and, for deprivation breakdowns, of the gap (SPEC §6; the gap chart is judged in the
 * metric's own direction: for a "higher is better" metric a rising most-minus-least gap is an
 * improvement when the most deprived are behind). The charts are computed from
 * the published (disclosure-controlled) values, so their means and limits cannot give back a hidden
 * month. {@code baseline} holds, for each view, the published overall value of the same month of
 * 2019/20 (null where that month is not held, or the view's month is itself in 2019/20), for the
 * comparison the national follow-up and PIFU ambitions are set against.
 */
public record Series(String metric, Scope scope, String breakdown, List<View> views, List<Double> baseline,
                     Spc.Chart overall, Spc.Chart gap) {

    /** The months a series over {@code periods} reads: each month and its month of 2019/20. */
    public static List<String> periodsRead(List<String> periods) {
        List<String> read = new ArrayList<>(periods);
        for (String p : periods) {
            String base = ViewBuilder.baselinePeriod(p);
            if (!read.contains(base)) {
                read.add(base);
            }
        }
        return read;
    }

    public static Series build(Metric metric, Breakdown breakdown, Scope scope, List<String> periods,
                               ViewBuilder.Cells cells) {
        List<View> views = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (String period : periods) {
            View view = DisclosureControl.view(metric, breakdown, period, scope, cells);
            if (view != null) {
                views.add(view);
                String base = ViewBuilder.baselinePeriod(period);
                // Waits are judged against their thresholds, and the change in follow-ups already is the
                // comparison with 2019/20.
                boolean compared = !base.equals(period) && metric.source == Metric.Source.EVENTS
                        && metric != Metric.OPFU_CHANGE;
                View then = !compared ? null : DisclosureControl.view(metric, Breakdown.NONE, base, scope, cells);
                baseline.add(then == null ? null : then.overall().value());
            }
        }
        Spc.Direction direction = Spc.Direction.valueOf(metric.direction.name());
        List<Double> overall = views.stream().map(v -> v.overall().value()).toList();
        Spc.Chart gap = null;
        if (breakdown.isDeprivation()) {
            gap = Spc.chart(views.stream().map(v -> v.inequality() == null ? null : v.inequality().gap()).toList(),
                    direction, null);
        }
        return new Series(metric.id, scope, breakdown.id, views, baseline, Spc.chart(overall, direction, metric.target), gap);
    }
}
