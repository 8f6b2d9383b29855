package org.core20monitor.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Periods;

/**
 * The latest event day of the whole input, broadcast to the operators that need "now". In a stream,
 * now is the watermark; at the end of a bounded input the watermark jumps to infinity, and now is
 * the end of the latest event's day instead, the same for every operator and every run, so a month
 * still in progress when the data ends is not taken as ended.
 */
public final class EventClock {

    public static final MapStateDescriptor<String, Long> STATE =
            new MapStateDescriptor<>("event-clock", Types.STRING, Types.LONG);
    private static final String LATEST_DAY = "latest-day";

    private EventClock() {}

    /** Per subtask, the event day whenever it passes the latest seen: a handful of records a year. */
    public static final class Advances extends RichFlatMapFunction<OutpatientEvent, Long> {
        private transient long latest;

        @Override
        public void open(OpenContext context) {
            latest = Long.MIN_VALUE;
        }

        @Override
        public void flatMap(OutpatientEvent event, Collector<Long> out) {
            long day = Periods.dayOf(event.eventTimeMillis());
            if (day > latest) {
                latest = day;
                out.collect(day);
            }
        }
    }

    /** Keeps the broadcast maximum. */
    static void advance(org.apache.flink.api.common.state.BroadcastState<String, Long> state, long day) throws Exception {
        Long now = state.get(LATEST_DAY);
        if (now == null || day > now) {
            state.put(LATEST_DAY, day);
        }
    }

    /** The latest event day broadcast so far, or null. */
    static Long latestDay(ReadOnlyBroadcastState<String, Long> state) throws Exception {
        return state.get(LATEST_DAY);
    }

    /**
     * The {@code updated_at} of a snapshot: when it is written, except at the end of a bounded input,
     * where it is the end of the data, so that two runs over the same input write the same output.
     */
    static String stamp(long watermark, long processingTime, ReadOnlyBroadcastState<String, Long> state)
            throws Exception {
        return java.time.Instant.ofEpochMilli(watermark == Long.MAX_VALUE ? now(watermark, state) : processingTime)
                .toString();
    }

    /** Event-time now: the watermark, or at the end of a bounded input the end of the latest event's day. */
    static long now(long watermark, ReadOnlyBroadcastState<String, Long> state) throws Exception {
        if (watermark != Long.MAX_VALUE) {
            return watermark;
        }
        Long latest = latestDay(state);
        return latest == null ? Long.MIN_VALUE : Periods.endOfDayMillis(latest);
    }
}
