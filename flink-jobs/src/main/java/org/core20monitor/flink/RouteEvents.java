package org.core20monitor.flink;

import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ScopeRouting;

/**
 * Enriches an event once and sends its metric increments to every scope it counts in for its month
 * (one record per group of scopes);
 * a pathway event also goes, by the side output, to the pathway's tracker. Only group slots travel
 * on: no patient identifier leaves this operator.
 */
public final class RouteEvents extends ProcessFunction<OutpatientEvent, CellInput> {

    public static final OutputTag<PathwayEvent> PATHWAYS = new OutputTag<>("pathways") {};

    private final Enrichment enrichment;
    private final ScopeRouting routing;
    private final Breakdowns breakdowns;

    public RouteEvents(Enrichment enrichment, ScopeRouting routing, Breakdowns breakdowns) {
        this.enrichment = enrichment;
        this.routing = routing;
        this.breakdowns = breakdowns;
    }

    @Override
    public void processElement(OutpatientEvent event, Context ctx, Collector<CellInput> out) {
        int[] slots = breakdowns.slotsOf(enrichment.profile(event));
        List<String> scopes = routing.scopes(event.icb(), event.provider(), event.specialty(), event.age())
                .stream().map(Scope::id).toList();
        int[] numerators = new int[Metric.EVENT_METRICS.length];
        int[] denominators = new int[Metric.EVENT_METRICS.length];
        if (MetricCounts.increments(event, numerators, denominators)) {
            String period = Periods.monthOf(event.eventTimeMillis());
            for (List<String> group : ScopeGroups.split(scopes)) {
                out.collect(CellInput.events(period, group, slots, numerators, denominators));
            }
        }
        if (event.type().needsPathway()) {
            ctx.output(PATHWAYS, new PathwayEvent(event.pathwayId(), event.type(), Periods.dayOf(event.eventTimeMillis()),
                    event.clockStartEpochDay(), scopes, slots));
        }
    }
}
