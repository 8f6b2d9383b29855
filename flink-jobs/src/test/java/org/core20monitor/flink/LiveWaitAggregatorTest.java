package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.view.CellSnapshot;
import org.junit.jupiter.api.Test;

class LiveWaitAggregatorTest {

    private static final long DAY_10 = Periods.dayOf(java.time.Instant.parse("2026-03-10T12:00:00Z").toEpochMilli());

    @Test
    void theListIsReDatedEachDayTheWatermarkPasses() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness = harness()) {
            harness.setProcessingTime(0);
            harness.processBroadcastElement(DAY_10 + 1, 0);
            harness.processElement(new LiveWaitChange(List.of("*.*.*.*"), CellAggregatorTest.slots(), DAY_10, +1, DAY_10), 0);
            watermark(harness, Periods.endOfDayMillis(DAY_10));
            harness.setProcessingTime(1_000);
            assertThat(last(harness).waitsAsOf()).isEqualTo("2026-03-11");
        }
    }

    @Test
    void aChangeThatArrivesBeforeTheEventClockIsListedOnceTheClockArrives() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness = harness()) {
            harness.setProcessingTime(0);
            harness.processElement(new LiveWaitChange(List.of("*.*.*.*"), CellAggregatorTest.slots(), DAY_10 - 5, +1, DAY_10), 0);
            harness.setProcessingTime(1_000); // due, but no event clock yet: nothing to date it by
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processBroadcastElement(DAY_10, 0);
            harness.setProcessingTime(2_000);
            assertThat(last(harness).waitsAsOf()).isEqualTo("2026-03-10");
            assertThat(last(harness).waits().get(0).pathways()).isEqualTo(1);
        }
    }

    @Test
    void aReplayPassingManyMidnightsWithinOneEmitIntervalComputesTheListOnce() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness = harness()) {
            harness.setProcessingTime(0);
            harness.processBroadcastElement(DAY_10, 0);
            harness.processElement(new LiveWaitChange(List.of("*.*.*.*"), CellAggregatorTest.slots(), DAY_10 - 5, +1, DAY_10), 0);
            harness.setProcessingTime(1_000);
            int before = harness.extractOutputValues().size();
            for (int d = 1; d <= 100; d++) {
                harness.processBroadcastElement(DAY_10 + d, 0);
                watermark(harness, Periods.endOfDayMillis(DAY_10 + d - 1));
            }
            assertThat(harness.extractOutputValues()).as("nothing computed while the midnights pass").hasSize(before);
            harness.setProcessingTime(2_000);
            assertThat(harness.extractOutputValues()).as("then one list").hasSize(before + 1);
            CellSnapshot latest = last(harness);
            assertThat(latest.waitsAsOf()).isEqualTo(java.time.LocalDate.ofEpochDay(DAY_10 + 100).toString());
            assertThat(latest.waits().get(0).pathways()).isEqualTo(1);

            // The end of a bounded input emits the final list at once.
            harness.processBroadcastElement(DAY_10 + 101, 0);
            watermark(harness, Long.MAX_VALUE);
            assertThat(last(harness).waitsAsOf()).isEqualTo(java.time.LocalDate.ofEpochDay(DAY_10 + 101).toString());
        }
    }

    @Test
    void aWatermarkAheadOfTheLatestDayBroadcastDoesNotLeaveTheListDatedInThePast() throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness = harness()) {
            harness.setProcessingTime(0);
            harness.processBroadcastElement(DAY_10, 0);
            harness.processElement(new LiveWaitChange(List.of("*.*.*.*"), CellAggregatorTest.slots(), DAY_10 - 20, +1, DAY_10), 0);
            // Event time passes the end of day 11 before the broadcast of day 11 (sent by the other
            // subtask) arrives: the list can only be dated day 10 for now.
            watermark(harness, Periods.endOfDayMillis(DAY_10 + 1) + 1);
            harness.setProcessingTime(1_000);
            assertThat(last(harness).waitsAsOf()).isEqualTo("2026-03-10");

            harness.processBroadcastElement(DAY_10 + 2, 0);
            harness.setProcessingTime(10_000);
            assertThat(last(harness).waitsAsOf()).as("re-dated once the broadcast has arrived").isEqualTo("2026-03-12");
            // And the daily re-emission goes on.
            harness.processBroadcastElement(DAY_10 + 3, 0);
            watermark(harness, Periods.endOfDayMillis(DAY_10 + 2));
            harness.setProcessingTime(20_000);
            assertThat(last(harness).waitsAsOf()).isEqualTo("2026-03-13");
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new LiveWaitAggregator(Breakdowns.standard(), 1_000), LiveWaitChange::group, Types.STRING, EventClock.STATE);
    }

    private static void watermark(KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness,
                                  long millis) throws Exception {
        harness.processBroadcastWatermark(new Watermark(millis));
        harness.processWatermark(new Watermark(millis));
    }

    private static CellSnapshot last(KeyedBroadcastOperatorTestHarness<String, LiveWaitChange, Long, CellSnapshot> harness) {
        List<CellSnapshot> out = harness.extractOutputValues();
        assertThat(out).as("a snapshot was emitted").isNotEmpty();
        return out.get(out.size() - 1);
    }
}
