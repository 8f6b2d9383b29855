package org.core20monitor.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.SeenIds;

/**
 * Passes the first event with an id on and reports repeats as duplicates. An id is remembered for a
 * retention period of event time after its first occurrence, so the state does not grow for ever; a
 * repeat arriving once the watermark has passed that counts again. The retention is in event time, so
 * a replay forgets exactly what the live run did.
 *
 * <p>Keyed by {@link #BUCKET} (one of {@link SeenIds#BUCKETS} buckets of ids), each holding its ids as
 * one {@link SeenIds} table with one timer that reclaims forgotten ids in batches: a keyed entry and a
 * timer per id cost several hundred bytes an id and a checkpoint that walks every one of them. The
 * table is mutated in place, which suits the heap state backend this job runs on.
 */
public final class FirstOccurrence extends KeyedProcessFunction<Integer, OutpatientEvent, OutpatientEvent> {

    public static final OutputTag<QualitySignal> DUPLICATES = new OutputTag<>("duplicates") {};

    /** The bucket an event's id falls in: the key this function runs under. */
    public static final KeySelector<OutpatientEvent, Integer> BUCKET =
            event -> SeenIds.bucket(event.eventId());

    /**
     * Default retention: a financial year and a month, so a resubmitted extract of the past year is
     * still recognised.
     */
    public static final long DEFAULT_RETENTION_DAYS = 400;

    private final long retentionMillis;
    /** How long forgotten ids may wait to be swept, so that each bucket sweeps a few times a retention. */
    private final long sweepSlackMillis;
    private transient ValueState<SeenIds> seen;
    private transient ValueState<Long> sweepAt;

    public FirstOccurrence(long retentionMillis) {
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("dedup retention must be positive, was " + retentionMillis + " ms");
        }
        this.retentionMillis = retentionMillis;
        this.sweepSlackMillis = Math.max(1, retentionMillis / 8);
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-ids", SeenIds.class));
        sweepAt = getRuntimeContext().getState(new ValueStateDescriptor<>("sweep-at", Long.class));
    }

    @Override
    public void processElement(OutpatientEvent event, Context ctx, Collector<OutpatientEvent> out) throws Exception {
        // Kept at least until the watermark moves on, even when the event is older than the retention
        // (as an id's timer set in the past would fire at the next watermark).
        long now = Math.min(ctx.timerService().currentWatermark(), Long.MAX_VALUE - 1);
        long forgetAt = event.eventTimeMillis() > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE
                : event.eventTimeMillis() + retentionMillis;
        long keepUntil = Math.max(forgetAt, now + 1);
        SeenIds ids = seen.value();
        if (ids == null) {
            ids = new SeenIds();
        }
        if (!ids.add(SeenIds.fingerprint(event.eventId()), now, keepUntil)) {
            ctx.output(DUPLICATES, new QualitySignal(QualitySignal.DUPLICATE, event.eventTimeMillis()));
            return;
        }
        seen.update(ids);
        if (sweepAt.value() == null) {
            book(ctx.timerService(), keepUntil);
        }
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutpatientEvent> out) throws Exception {
        SeenIds ids = seen.value();
        ids.sweep(timestamp);
        if (ids.isEmpty()) {
            seen.clear();
            sweepAt.clear();
        } else {
            seen.update(ids);
            book(ctx.timerService(), ids.earliestExpiry());
        }
    }

    private void book(TimerService timers, long expiry) throws Exception {
        long at = expiry > Long.MAX_VALUE - sweepSlackMillis ? Long.MAX_VALUE : expiry + sweepSlackMillis;
        timers.registerEventTimeTimer(at);
        sweepAt.update(at);
    }
}
