package org.core20monitor.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.OutpatientEvent;

/**
 * Keyed by event id: passes the first event with an id on, and reports repeats as duplicates. An id
 * is remembered for a retention period of event time after its first occurrence (an event-time
 * timer then forgets it), so the state does not grow for ever; a repeat arriving later than that
 * counts again. The retention is in event time, so a replay forgets exactly what the live run did.
 */
public final class FirstOccurrence extends KeyedProcessFunction<String, OutpatientEvent, OutpatientEvent> {

    public static final OutputTag<QualitySignal> DUPLICATES = new OutputTag<>("duplicates") {};

    /**
     * Default retention: a financial year and a month, so a resubmitted extract of the past year is
     * still recognised.
     */
    public static final long DEFAULT_RETENTION_DAYS = 400;

    private final long retentionMillis;
    private transient ValueState<Boolean> seen;

    public FirstOccurrence(long retentionMillis) {
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("dedup retention must be positive, was " + retentionMillis + " ms");
        }
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(OutpatientEvent event, Context ctx, Collector<OutpatientEvent> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            long forgetAt = event.eventTimeMillis() > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE
                    : event.eventTimeMillis() + retentionMillis;
            ctx.timerService().registerEventTimeTimer(forgetAt);
            out.collect(event);
        } else {
            ctx.output(DUPLICATES, new QualitySignal(QualitySignal.DUPLICATE, event.eventTimeMillis()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutpatientEvent> out) {
        seen.clear();
    }
}
