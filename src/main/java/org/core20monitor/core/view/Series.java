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
 * month.
 */
public record Series(String metric, Scope scope, String breakdown, List<View> views, Spc.Chart overall,
                     Spc.Chart gap) {

    public static Series build(Metric metric, Breakdown breakdown, Scope scope, List<String> periods,
                               ViewBuilder.Cells cells) {
        List<View> views = new ArrayList<>();
        for (String period : periods) {
            View view = ViewBuilder.build(metric, breakdown, period, scope, cells);
            if (view != null) {
                views.add(DisclosureControl.apply(view));
            }
        }
        Spc.Direction direction = Spc.Direction.valueOf(metric.direction.name());
        List<Double> overall = views.stream().map(v -> v.overall().value()).toList();
        Spc.Chart gap = null;
        if (breakdown.isDeprivation()) {
            gap = Spc.chart(views.stream().map(v -> v.inequality() == null ? null : v.inequality().gap()).toList(),
                    direction, null);
        }
        return new Series(metric.id, scope, breakdown.id, views, Spc.chart(overall, direction, metric.target), gap);
    }
}
