package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.view.CellSnapshot;
import org.junit.jupiter.api.Test;

/** The aggregator's timing: throttled snapshots, provisional months closed by the watermark, late inputs, waits. */
class CellAggregatorTest {

    private static final long LATENESS = Duration.ofDays(7).toMillis();
    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();
    private static final long OCTOBER_10 = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();

    @Test
    void emitsOncePerIntervalThenFinalWhenTheMonthCloses() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness = harness();
        harness.setProcessingTime(0);
        harness.processElement(attendance(Outcome.PIFU), OCTOBER_10);
        harness.processElement(attendance(Outcome.DISCHARGED), OCTOBER_10);
        harness.processElement(attendance(Outcome.FOLLOW_UP), OCTOBER_10);
        assertThat(harness.extractOutputValues()).as("throttled until the interval passes").isEmpty();

        harness.setProcessingTime(1_000);
        CellSnapshot first = last(harness);
        assertThat(first.provisional()).isTrue();
        assertThat(first.waits()).as("no month-end waiting list before the month ends").isNull();
        assertThat(first.counts().numerator(Metric.PIFU_RATE, 0)).isEqualTo(1);
        assertThat(first.counts().denominator(Metric.PIFU_RATE, 0)).isEqualTo(3);

        harness.getOutput().clear();
        watermark(harness, Periods.endOfMonthMillis("2026-10"));
        CellSnapshot monthEnded = last(harness);
        assertThat(monthEnded.waitsAsOf()).isEqualTo("2026-10-31");
        assertThat(monthEnded.waits()).hasSize(BREAKDOWNS.slots());
        assertThat(monthEnded.provisional()).isTrue();

        harness.getOutput().clear();
        watermark(harness, Periods.endOfMonthMillis("2026-10") + LATENESS);
        CellSnapshot closed = last(harness);
        assertThat(closed.provisional()).as("closed by the watermark").isFalse();

        // A late event still counts: it revises the closed month.
        harness.getOutput().clear();
        harness.processElement(attendance(Outcome.PIFU), OCTOBER_10);
        harness.setProcessingTime(2_000);
        CellSnapshot revised = last(harness);
        assertThat(revised.counts().numerator(Metric.PIFU_RATE, 0)).isEqualTo(2);
        assertThat(revised.counts().denominator(Metric.PIFU_RATE, 0)).isEqualTo(4);
        assertThat(revised.provisional()).isFalse();
        harness.close();
    }

    @Test
    void monthEndWaitsAndCompletedPathwaysAreHistogramsBySlot() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness = harness();
        int[] slots = slots();
        for (long wait : new long[] {10, 130, 130, 400}) {
            harness.processElement(CellInput.wait(CellInput.Kind.WAIT_AT_MONTH_END, "2026-10", List.of("*.*.*.*"), slots, wait, 1),
                    OCTOBER_10);
        }
        harness.processElement(CellInput.wait(CellInput.Kind.WAIT_AT_MONTH_END, "2026-10", List.of("*.*.*.*"), slots, 130, -1),
                OCTOBER_10);
        harness.processElement(CellInput.wait(CellInput.Kind.COMPLETED_WAIT, "2026-10", List.of("*.*.*.*"), slots, 70, 1),
                OCTOBER_10);
        watermark(harness, Periods.endOfMonthMillis("2026-10"));
        CellSnapshot cell = last(harness);
        var overall = cell.waits().get(0);
        assertThat(overall.pathways()).isEqualTo(3);
        assertThat(overall.within18w()).isEqualTo(1);
        assertThat(overall.over52w()).isEqualTo(1);
        assertThat(overall.medianDays()).isEqualTo(130.0);
        assertThat(cell.completed().get(0).pathways()).isEqualTo(1);
        assertThat(cell.completed().get(0).medianDays()).isEqualTo(70.0);
        harness.close();
    }

    @Test
    void anInputCountsInEveryScopeOfItsGroupAndOnlyChangedCellsAreRewritten() throws Exception {
        String icb = "QWE.*.*.*";
        String provider = "QWE.RJ7.*.*";
        int[] num = new int[Metric.EVENT_METRICS.length];
        int[] den = new int[Metric.EVENT_METRICS.length];
        MetricCounts.increments(event("x", Outcome.PIFU, OCTOBER_10), num, den);
        CellInput both = CellInput.events("2026-10", List.of(icb, provider), slots(), num, den);
        assertThat(both.key()).isEqualTo("2026-10|QWE");

        KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness = harness();
        harness.setProcessingTime(0);
        harness.processElement(both, OCTOBER_10);
        harness.setProcessingTime(1_000);
        assertThat(harness.extractOutputValues()).extracting(c -> c.scope().id()).containsExactly(icb, provider);
        assertThat(harness.extractOutputValues()).allSatisfy(
                c -> assertThat(c.counts().numerator(Metric.PIFU_RATE, 0)).isEqualTo(1));

        harness.getOutput().clear();
        harness.processElement(CellInput.events("2026-10", List.of(provider), slots(), num, den), OCTOBER_10);
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).as("only the cell that changed").hasSize(1);
        assertThat(last(harness).scope().id()).isEqualTo(provider);
        assertThat(last(harness).counts().numerator(Metric.PIFU_RATE, 0)).isEqualTo(2);

        harness.getOutput().clear();
        watermark(harness, Periods.endOfMonthMillis("2026-10"));
        assertThat(harness.extractOutputValues()).as("every cell of the group when the month ends")
                .extracting(c -> c.scope().id()).containsExactly(icb, provider);
        harness.close();
    }

    @Test
    void countsSurviveARestoreFromACheckpoint() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness = harness();
        harness.processElement(attendance(Outcome.PIFU), OCTOBER_10);
        harness.processElement(attendance(Outcome.PIFU), OCTOBER_10);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> restored =
                new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                        new CellAggregator(BREAKDOWNS, 1_000, LATENESS), List.of(EventClock.STATE)),
                        CellInput::key, Types.STRING, 1, 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.setProcessingTime(0);
        restored.processElement(attendance(Outcome.DISCHARGED), OCTOBER_10);
        restored.setProcessingTime(5_000);
        CellSnapshot cell = last(restored);
        assertThat(cell.counts().numerator(Metric.PIFU_RATE, 0)).isEqualTo(2);
        assertThat(cell.counts().denominator(Metric.PIFU_RATE, 0)).isEqualTo(3);
        restored.close();
    }

    private static KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CellAggregator(BREAKDOWNS, 1_000, LATENESS), CellInput::key, Types.STRING, EventClock.STATE);
    }

    /** Event time reaches {@code millis} on both inputs (the clock's too). */
    private static void watermark(KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness,
                                  long millis) throws Exception {
        harness.processBroadcastWatermark(new Watermark(millis));
        harness.processWatermark(new Watermark(millis));
    }

    private static CellSnapshot last(KeyedBroadcastOperatorTestHarness<String, CellInput, Long, CellSnapshot> harness) {
        List<CellSnapshot> out = harness.extractOutputValues();
        assertThat(out).as("a snapshot was emitted").isNotEmpty();
        return out.get(out.size() - 1);
    }

    static int[] slots() {
        return BREAKDOWNS.slotsOf(new EventProfile(3, "A", "2", 40, List.of()));
    }

    static OutpatientEvent event(String id, Outcome outcome, long at) {
        return new OutpatientEvent(id, EventType.ATTENDANCE, at, "p", null, "QWE", "RJ7", "330", null, 3,
                "A", "2", 40, List.of(), Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO, outcome, null);
    }

    private static CellInput attendance(Outcome outcome) {
        int[] num = new int[Metric.EVENT_METRICS.length];
        int[] den = new int[Metric.EVENT_METRICS.length];
        MetricCounts.increments(event("x", outcome, OCTOBER_10), num, den);
        return CellInput.events("2026-10", List.of("*.*.*.*"), slots(), num, den);
    }
}
