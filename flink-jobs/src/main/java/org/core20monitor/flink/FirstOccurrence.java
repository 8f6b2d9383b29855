package org.core20monitor.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.core20monitor.core.event.OutpatientEvent;

/** Keyed by event id: passes the first event with an id on, and reports repeats as duplicates. */
public final class FirstOccurrence extends KeyedProcessFunction<String, OutpatientEvent, OutpatientEvent> {

    public static final OutputTag<QualitySignal> DUPLICATES = new OutputTag<>("duplicates") {};

    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
    }

    @Override
    public void processElement(OutpatientEvent event, Context ctx, Collector<OutpatientEvent> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(event);
        } else {
            ctx.output(DUPLICATES, new QualitySignal(QualitySignal.DUPLICATE, event.eventTimeMillis()));
        }
    }
}
