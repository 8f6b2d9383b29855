package org.core20monitor.flink;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.flink.sink.RedisWrite;

/**
 * Keyed by counter name: counts accepted, duplicate and rejected records (by reason) in state and
 * writes the totals, throttled like the views, so that a replay rewrites the same numbers. The
 * accepted counter also records the latest event time seen.
 */
public final class QualityCounter extends KeyedProcessFunction<String, QualitySignal, RedisWrite> {

    private final long emitIntervalMillis;
    private transient ValueState<long[]> state;

    public QualityCounter(long emitIntervalMillis) {
        this.emitIntervalMillis = emitIntervalMillis;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("count-latest-dirty", long[].class));
    }

    @Override
    public void processElement(QualitySignal signal, Context ctx, Collector<RedisWrite> out) throws Exception {
        long[] s = state.value();
        if (s == null) {
            s = new long[] {0, Long.MIN_VALUE, 0};
        }
        s[0]++;
        s[1] = Math.max(s[1], signal.eventTimeMillis());
        if (s[2] == 0) {
            s[2] = 1;
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + emitIntervalMillis);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RedisWrite> out) throws Exception {
        long[] s = state.value();
        if (s == null || s[2] == 0) {
            return;
        }
        s[2] = 0;
        state.update(s);
        String counter = ctx.getCurrentKey();
        out.collect(RedisWrite.hset(RedisKeys.QUALITY, counter, Long.toString(s[0]), true));
        if (counter.equals(QualitySignal.ACCEPTED) && s[1] != Long.MIN_VALUE) {
            out.collect(RedisWrite.hset(RedisKeys.QUALITY, "last_event_time", Instant.ofEpochMilli(s[1]).toString(), true));
        }
    }
}
