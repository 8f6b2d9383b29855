package org.core20monitor.flink;

import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.DayHistograms;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.WaitStats;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;

/**
 * Keyed by group of scopes ({@link ScopeGroups}): each scope's waiting list now, as a histogram of open
 * pathways by clock-start day per breakdown slot, snapshot at the day the event time has reached. Waits grow with time even when no
 * event arrives, so an event-time timer at each midnight the watermark passes (and the trackers'
 * threshold signals) make it due again; it is computed and emitted at most once per emit interval
 * (processing time), however many midnights a replay passes meanwhile, and once more at the end of a
 * bounded input.
 */
public final class LiveWaitAggregator extends KeyedBroadcastProcessFunction<String, LiveWaitChange, Long, CellSnapshot> {

    private final Breakdowns breakdowns;
    private final long emitIntervalMillis;
    private transient MapState<String, DayHistograms> open;
    private transient ValueState<Boolean> dirty;

    public LiveWaitAggregator(Breakdowns breakdowns, long emitIntervalMillis) {
        this.breakdowns = breakdowns;
        this.emitIntervalMillis = emitIntervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        open = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("open-by-start-day", String.class, DayHistograms.class));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("dirty", Boolean.class));
    }

    @Override
    public void processBroadcastElement(Long latestDay, Context ctx, Collector<CellSnapshot> out) throws Exception {
        EventClock.advance(ctx.getBroadcastState(EventClock.STATE), latestDay);
    }

    @Override
    public void processElement(LiveWaitChange change, ReadOnlyContext ctx, Collector<CellSnapshot> out) throws Exception {
        for (String scope : change.scopeIds()) {
            DayHistograms h = open.get(scope);
            if (h == null) {
                h = new DayHistograms(breakdowns.slots());
            }
            if (change.sign() != 0) {
                h.add(change.slots(), change.startDay(), change.sign());
            }
            open.put(scope, h);
        }
        if (dirty.value() == null) {
            due(ctx.timerService());
            // Also when the event time passes the day, so a bounded input's final watermark emits it.
            long endOfDay = Periods.endOfDayMillis(change.latestDay());
            ctx.timerService().registerEventTimeTimer(
                    endOfDay > ctx.timerService().currentWatermark() ? endOfDay : Long.MAX_VALUE);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellSnapshot> out) throws Exception {
        Long latest = EventClock.latestDay(ctx.getBroadcastState(EventClock.STATE));
        if (latest == null) {
            if (dirty.value() != null) {
                // The first broadcast of the event clock is still on its way: try again, or the list
                // would stay due with nothing left to compute it.
                due(ctx.timerService());
            }
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        // The snapshot date: the day the event time has reached, but no later than the latest event of
        // the whole input (at the end of a bounded input the watermark is infinite).
        long day = watermark == Long.MIN_VALUE ? latest : Math.min(latest, Periods.dayOf(Math.max(watermark, 0)));
        boolean processingTime = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME;
        if (processingTime && dirty.value() == null) {
            return;
        }
        if (!processingTime && watermark != Long.MAX_VALUE) {
            // A midnight passed: the waits have grown, so the list is due again, with the next emission
            // rather than now. Replaying history passes a midnight every few milliseconds, and a snapshot
            // of every scope at every one of them would cost far more than the events themselves.
            due(ctx.timerService());
            if (Periods.endOfDayMillis(day) > watermark) {
                ctx.timerService().registerEventTimeTimer(Periods.endOfDayMillis(day));
            }
            return;
        }
        dirty.clear();
        if (Periods.endOfDayMillis(day) > watermark) {
            ctx.timerService().registerEventTimeTimer(Periods.endOfDayMillis(day));
        } else if (watermark != Long.MAX_VALUE) {
            // The watermark is past the latest event day broadcast so far: that day's broadcast, from
            // another subtask, is still on its way (the watermark overtakes it when that subtask's channel
            // was idle, as after any quiet spell). Without a timer ahead of the watermark the daily
            // re-emission would stop here and leave the list dated this day for good; snapshot again
            // shortly, by when the broadcast has arrived.
            due(ctx.timerService());
        }

        String stamp = EventClock.stamp(watermark, ctx.timerService().currentProcessingTime(),
                ctx.getBroadcastState(EventClock.STATE));
        java.util.SortedSet<String> scopes = new java.util.TreeSet<>();
        open.keys().forEach(scopes::add);
        for (String scope : scopes) {
            DayHistograms h = open.get(scope);
            List<WaitStats> waits = h.waitsAt(day);
            h.trim();
            open.put(scope, h);
            out.collect(new CellSnapshot(Periods.monthOfDay(day), Scope.fromId(scope), true, stamp,
                    breakdowns.plusGroups(), null, LocalDate.ofEpochDay(day).toString(), waits, null));
        }
    }

    /**
     * Marks the list due and books its computation on the next whole emit interval. Every reason to emit
     * (a change, a midnight passed, a clock still on its way) books that same timer, and Flink keeps one
     * per key and time, so however many arrive within an interval the list is computed once.
     */
    private void due(TimerService timers) throws java.io.IOException {
        dirty.update(Boolean.TRUE);
        long now = timers.currentProcessingTime();
        timers.registerProcessingTimeTimer((now / emitIntervalMillis + 1) * emitIntervalMillis);
    }
}
