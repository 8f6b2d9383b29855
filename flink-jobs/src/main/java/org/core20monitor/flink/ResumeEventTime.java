package org.core20monitor.flink;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes events and watermarks through unchanged, and after a restore carries on from the event time
 * the job had reached at its checkpoint.
 *
 * <p>Flink does not checkpoint watermarks: a restored job starts at "the beginning of time" until its
 * sources have read enough to emit new ones (with one source reader idle, for the whole idle timeout).
 * Until then every operator downstream would see the past as the present: an event behind the old
 * watermark would not count as late, a pathway would take back the month-end waits it had told, a
 * month would be written as still open. The first run and the resumed run would then not write the
 * same results. So this operator keeps the watermark it has passed on in union operator state and,
 * when restored, sends the lowest of the stored values on before anything else. Placed after the
 * event-id deduplication, it sees the watermark every downstream operator sees.
 */
public final class ResumeEventTime<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private transient ListState<Long> stored;
    /** The watermark passed on so far. */
    private transient long current;
    /** The watermark to start from after a restore, not yet sent; MIN_VALUE when there is none. */
    private transient long resumeAt;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        stored = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("watermark", Types.LONG));
        current = Long.MIN_VALUE;
        resumeAt = Long.MIN_VALUE;
        if (context.isRestored()) {
            // Every subtask stored the watermark it had passed on; the lowest is one all of them had reached.
            long lowest = Long.MAX_VALUE;
            for (Long watermark : stored.get()) {
                lowest = Math.min(lowest, watermark);
            }
            resumeAt = lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        stored.update(java.util.List.of(Math.max(current, resumeAt)));
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        resume();
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        resume();
        if (mark.getTimestamp() > current) {
            current = mark.getTimestamp();
            output.emitWatermark(mark);
        }
    }

    private void resume() {
        if (resumeAt > current) {
            current = resumeAt;
            output.emitWatermark(new Watermark(resumeAt));
        }
        resumeAt = Long.MIN_VALUE;
    }
}
