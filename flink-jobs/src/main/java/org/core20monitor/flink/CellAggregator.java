package org.core20monitor.flink;

import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 * Keyed by cell (period and scope): keeps the cell's event counts, its month-end waiting list and its
 * completed pathways (as histograms of waits in days by breakdown slot) and emits the cell's snapshot.
 *
 * <p>Snapshots are emitted at most once per {@code emitIntervalMillis} of processing time while inputs
 * arrive, so a busy replay does not rewrite a cell for every event. The waiting list of a month exists
 * once the watermark passes the month's end (the pathway trackers send their month-end waits just
 * before). A month is provisional until the watermark passes its end plus the allowed lateness; an
 * event-time timer then emits it as final. Late inputs still count and revise the month. At the end of
 * a bounded input the final watermark fires the remaining timers, so nothing is left unwritten; "now"
 * is then the end of the latest event's day ({@link EventClock}), so the month the data ends in keeps
 * no month-end waiting list and stays provisional.
 */
public final class CellAggregator extends KeyedBroadcastProcessFunction<String, CellInput, Long, CellSnapshot> {

    private final Breakdowns breakdowns;
    private final long emitIntervalMillis;
    private final long allowedLatenessMillis;
    private transient ValueState<MetricCounts> counts;
    private transient ValueState<DayHistograms> waits;
    private transient ValueState<DayHistograms> completed;
    private transient ValueState<Boolean> dirty;

    public CellAggregator(Breakdowns breakdowns, long emitIntervalMillis, long allowedLatenessMillis) {
        this.breakdowns = breakdowns;
        this.emitIntervalMillis = emitIntervalMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext context) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("counts", MetricCounts.class));
        waits = getRuntimeContext().getState(new ValueStateDescriptor<>("month-end-waits", DayHistograms.class));
        completed = getRuntimeContext().getState(new ValueStateDescriptor<>("completed-waits", DayHistograms.class));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("dirty", Boolean.class));
    }

    @Override
    public void processBroadcastElement(Long latestDay, Context ctx, Collector<CellSnapshot> out) throws Exception {
        EventClock.advance(ctx.getBroadcastState(EventClock.STATE), latestDay);
    }

    @Override
    public void processElement(CellInput input, ReadOnlyContext ctx, Collector<CellSnapshot> out) throws Exception {
        switch (input.kind()) {
            case EVENTS -> {
                MetricCounts current = counts.value();
                if (current == null) {
                    current = new MetricCounts(breakdowns.slots());
                }
                current.add(input.numerators(), input.denominators(), input.slots(), breakdowns.slots());
                counts.update(current);
            }
            case WAIT_AT_MONTH_END -> add(waits, input);
            case COMPLETED_WAIT -> add(completed, input);
        }
        if (dirty.value() == null) {
            dirty.update(Boolean.TRUE);
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
        String[] cell = ctx.getCurrentKey().split("\\|", 2);
        String period = cell[0];
        long monthEnd = Periods.endOfMonthMillis(period);
        boolean milestone = ctx.timeDomain() == TimeDomain.EVENT_TIME
                && (timestamp == monthEnd || timestamp == monthEnd + allowedLatenessMillis);
        if (dirty.value() == null && !milestone) {
            return;
        }
        dirty.clear();
        long now = EventClock.now(ctx.timerService().currentWatermark(), ctx.getBroadcastState(EventClock.STATE));
        boolean monthEnded = now >= monthEnd;
        MetricCounts current = counts.value();
        DayHistograms monthEndWaits = waits.value();
        DayHistograms stopped = completed.value();
        out.collect(new CellSnapshot(period, Scope.fromId(cell[1]), now < monthEnd + allowedLatenessMillis,
                EventClock.stamp(ctx.timerService().currentWatermark(), ctx.timerService().currentProcessingTime(),
                        ctx.getBroadcastState(EventClock.STATE)),
                breakdowns.plusGroups(), current == null ? null : current.cells,
                monthEnded ? LocalDate.ofEpochDay(Periods.lastDay(period)).toString() : null,
                monthEnded ? waitsOf(monthEndWaits) : null,
                monthEnded || stopped != null && !stopped.isEmpty() ? waitsOf(stopped) : null));
    }

    private void add(ValueState<DayHistograms> histograms, CellInput input) throws java.io.IOException {
        DayHistograms h = histograms.value();
        if (h == null) {
            h = new DayHistograms(breakdowns.slots());
        }
        h.add(input.slots(), input.waitDays(), input.sign());
        histograms.update(h);
    }

    private List<WaitStats> waitsOf(DayHistograms h) {
        return (h == null ? new DayHistograms(breakdowns.slots()) : h).waits();
    }
}
