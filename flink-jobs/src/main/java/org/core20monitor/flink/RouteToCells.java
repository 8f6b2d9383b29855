package org.core20monitor.flink;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.view.Scope;

/** Enriches an event and sends it to each scope it counts in (England and its ICB) for its month. */
public final class RouteToCells implements FlatMapFunction<OutpatientEvent, CellUpdate> {

    private final Enrichment enrichment;

    public RouteToCells(Enrichment enrichment) {
        this.enrichment = enrichment;
    }

    @Override
    public void flatMap(OutpatientEvent event, Collector<CellUpdate> out) {
        if (!countsTowardsAnyMetric(event)) {
            return;
        }
        EventProfile profile = enrichment.profile(event);
        String period = Periods.monthOf(event.eventTimeMillis());
        out.collect(new CellUpdate(period, Scope.ENGLAND.id(), event, profile));
        out.collect(new CellUpdate(period, Scope.icb(event.icb()).id(), event, profile));
    }

    static boolean countsTowardsAnyMetric(OutpatientEvent event) {
        for (Metric m : Metric.values()) {
            if (m.denominator(event) > 0 || m.numerator(event) > 0) {
                return true;
            }
        }
        return false;
    }
}
