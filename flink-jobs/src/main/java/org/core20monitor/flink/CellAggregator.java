package org.core20monitor.flink;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.DayHistograms;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.WaitStats;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;

/**
 * Keyed by period and group of scopes ({@link ScopeGroups}): keeps each cell's (period and scope's)
 * event counts, its month-end waiting list and its completed pathways (as histograms of waits in days
 * by breakdown slot) and emits the cells' snapshots.
 *
 * <p>Snapshots of the cells that changed are emitted at most once per {@code emitIntervalMillis} of
 * processing time while inputs arrive, so a busy replay does not rewrite a cell for every event. The
 * waiting list of a month exists once the watermark passes the month's end (the pathway trackers send
 * their month-end waits just before). A month is provisional until the watermark passes its end plus
 * the allowed lateness; an event-time timer then emits its cells as final. Late inputs still count and
 * revise the month. At the end of a bounded input the final watermark fires the remaining timers, so
 * nothing is left unwritten; "now" is then the end of the latest event's day ({@link EventClock}), so
 * the month the data ends in keeps no month-end waiting list and stays provisional.
 */
public final class CellAggregator extends KeyedBroadcastProcessFunction<String, CellInput, Long, CellSnapshot> {

    private final Breakdowns breakdowns;
    private final long emitIntervalMillis;
    private final long allowedLatenessMillis;
    private transient MapState<String, MetricCounts> counts;
    private transient MapState<String, DayHistograms> waits;
    private transient MapState<String, DayHistograms> completed;
    /** The cells changed since the last emission. */
    private transient MapState<String, Boolean> changed;
    /** Set while the timers of the next emission are booked. */
    private transient ValueState<Boolean> booked;

    public CellAggregator(Breakdowns breakdowns, long emitIntervalMillis, long allowedLatenessMillis) {
        this.breakdowns = breakdowns;
        this.emitIntervalMillis = emitIntervalMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext context) {
        counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("counts", String.class, MetricCounts.class));
        waits = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("month-end-waits", String.class, DayHistograms.class));
        completed = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("completed-waits", String.class, DayHistograms.class));
        changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed", Types.STRING, Types.BOOLEAN));
        booked = getRuntimeContext().getState(new ValueStateDescriptor<>("booked", Boolean.class));
    }

    @Override
    public void processBroadcastElement(Long latestDay, Context ctx, Collector<CellSnapshot> out) throws Exception {
        EventClock.advance(ctx.getBroadcastState(EventClock.STATE), latestDay);
    }

    @Override
    public void processElement(CellInput input, ReadOnlyContext ctx, Collector<CellSnapshot> out) throws Exception {
        for (String scope : input.scopeIds()) {
            switch (input.kind()) {
                case EVENTS -> {
                    MetricCounts current = counts.get(scope);
                    if (current == null) {
                        current = new MetricCounts(breakdowns.slots());
                    }
                    current.add(input.numerators(), input.denominators(), input.slots(), breakdowns.slots());
                    counts.put(scope, current);
                }
                case WAIT_AT_MONTH_END -> add(waits, scope, input);
                case COMPLETED_WAIT -> add(completed, scope, input);
            }
            changed.put(scope, Boolean.TRUE);
        }
        if (booked.value() == null) {
            booked.update(Boolean.TRUE);
            ctx.timerService().registerProcessingTimeTimer(
                    ctx.timerService().currentProcessingTime() + emitIntervalMillis);
            long watermark = ctx.timerService().currentWatermark();
            long monthEnd = Periods.endOfMonthMillis(input.period());
            long close = monthEnd + allowedLatenessMillis;
            if (monthEnd > watermark) {
                ctx.timerService().registerEventTimeTimer(monthEnd);
            }
            // A closed month revised by a late input is rewritten by the processing-time timer, or by
            // the final watermark of a bounded input.
            ctx.timerService().registerEventTimeTimer(close > watermark ? close : Long.MAX_VALUE);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellSnapshot> out) throws Exception {
        String period = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('|'));
        long monthEnd = Periods.endOfMonthMillis(period);
        boolean milestone = ctx.timeDomain() == TimeDomain.EVENT_TIME
                && (timestamp == monthEnd || timestamp == monthEnd + allowedLatenessMillis);
        if (booked.value() == null && !milestone) {
            return;
        }
        booked.clear();
        // At a milestone every cell of the group is rewritten (its month ended, or closed); otherwise
        // those that changed.
        Collection<String> scopes = new TreeSet<>();
        if (milestone) {
            counts.keys().forEach(scopes::add);
            waits.keys().forEach(scopes::add);
            completed.keys().forEach(scopes::add);
        } else {
            changed.keys().forEach(scopes::add);
        }
        changed.clear();
        long watermark = ctx.timerService().currentWatermark();
        long now = EventClock.now(watermark, ctx.getBroadcastState(EventClock.STATE));
        boolean monthEnded = now >= monthEnd;
        String stamp = EventClock.stamp(watermark, ctx.timerService().currentProcessingTime(),
                ctx.getBroadcastState(EventClock.STATE));
        for (String scope : scopes) {
            MetricCounts current = counts.get(scope);
            DayHistograms stopped = completed.get(scope);
            out.collect(new CellSnapshot(period, Scope.fromId(scope), now < monthEnd + allowedLatenessMillis, stamp,
                    breakdowns.plusGroups(), current == null ? null : current.cells,
                    monthEnded ? LocalDate.ofEpochDay(Periods.lastDay(period)).toString() : null,
                    monthEnded ? waitsOf(waits.get(scope)) : null,
                    monthEnded || stopped != null && !stopped.isEmpty() ? waitsOf(stopped) : null));
        }
    }

    private void add(MapState<String, DayHistograms> histograms, String scope, CellInput input) throws Exception {
        DayHistograms h = histograms.get(scope);
        if (h == null) {
            h = new DayHistograms(breakdowns.slots());
        }
        h.add(input.slots(), input.waitDays(), input.sign());
        histograms.put(scope, h);
    }

    private List<WaitStats> waitsOf(DayHistograms h) {
        return (h == null ? new DayHistograms(breakdowns.slots()) : h).waits();
    }
}
