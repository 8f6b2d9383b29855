package org.core20monitor.flink;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;
import org.core20monitor.flink.sink.RedisWrite;

/**
 * Keyed by cell (period and scope): keeps the cell's counts and writes its views.
 *
 * <p>Views are written at most once per {@code emitIntervalMillis} of processing time while events
 * arrive, so a busy replay does not rewrite a view for every event. A month is provisional until the
 * watermark passes its end plus the allowed lateness; an event-time timer at that moment rewrites
 * the views as final. Late events still count: they revise their month's views. At the end of a
 * bounded input the final watermark fires the remaining timers, so nothing is left unwritten.
 */
public final class CellAggregator extends KeyedProcessFunction<String, CellUpdate, RedisWrite> {

    private final long emitIntervalMillis;
    private final long allowedLatenessMillis;
    private transient ValueState<MetricCounts> counts;
    private transient ValueState<Boolean> dirty;

    public CellAggregator(long emitIntervalMillis, long allowedLatenessMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext context) {
        counts = getRuntimeContext().getState(new ValueStateDescriptor<>("counts", MetricCounts.class));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("dirty", Boolean.class));
    }

    @Override
    public void processElement(CellUpdate update, Context ctx, Collector<RedisWrite> out) throws Exception {
        MetricCounts current = counts.value();
        if (current == null) {
            current = new MetricCounts();
        }
        current.add(update.event(), update.profile());
        counts.update(current);
        if (dirty.value() == null) {
            dirty.update(Boolean.TRUE);
            ctx.timerService().registerProcessingTimeTimer(
                    ctx.timerService().currentProcessingTime() + emitIntervalMillis);
            long close = closesAt(update.period());
            // A closed month revised by a late event is rewritten by the processing-time timer, or
            // by the final watermark of a bounded input.
            ctx.timerService().registerEventTimeTimer(
                    close > ctx.timerService().currentWatermark() ? close : Long.MAX_VALUE);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RedisWrite> out) throws Exception {
        String[] cell = ctx.getCurrentKey().split("\\|", 2);
        String period = cell[0];
        boolean closing = ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp == closesAt(period);
        if (dirty.value() == null && !closing) {
            return;
        }
        dirty.clear();
        MetricCounts current = counts.value();
        if (current == null) {
            return;
        }
        boolean provisional = ctx.timerService().currentWatermark() < closesAt(period);
        emitViews(period, Scope.fromId(cell[1]), current, provisional,
                Instant.ofEpochMilli(ctx.timerService().currentProcessingTime()).toString(), out);
    }

    /** Every view of the cell, plus the index entries that let the server list periods and scopes. */
    static void emitViews(String period, Scope scope, MetricCounts counts, boolean provisional, String updatedAt,
                          Collector<RedisWrite> out) {
        for (Metric metric : Metric.values()) {
            for (Breakdown breakdown : Breakdown.values()) {
                View view = ViewBuilder.build(metric, breakdown, period, scope, counts, provisional, updatedAt);
                out.collect(RedisWrite.set(RedisKeys.view(metric, period, scope, breakdown), ViewJson.write(view), true));
            }
        }
        out.collect(RedisWrite.sadd(RedisKeys.PERIODS, period));
        out.collect(RedisWrite.sadd(RedisKeys.SCOPES, scope.id()));
    }

    private long closesAt(String period) {
        return Periods.endOfMonthMillis(period) + allowedLatenessMillis;
    }
}
