package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewJson;
import org.core20monitor.flink.sink.RedisWrite;
import org.junit.jupiter.api.Test;

/** The aggregator's timing: throttled writes, provisional months closed by the watermark, late events. */
class CellAggregatorTest {

    private static final long LATENESS = Duration.ofDays(7).toMillis();
    private static final String OCTOBER_ENGLAND = "2026-10|*.*.*.*";

    @Test
    void writesViewsOncePerIntervalThenFinalWhenTheMonthCloses() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, CellUpdate, RedisWrite> harness = harness();
        harness.setProcessingTime(0);
        long october10 = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        harness.processElement(attendance("a", Outcome.PIFU, october10), october10);
        harness.processElement(attendance("b", Outcome.DISCHARGED, october10), october10);
        harness.processElement(attendance("c", Outcome.FOLLOW_UP, october10), october10);
        assertThat(harness.extractOutputValues()).as("throttled until the interval passes").isEmpty();

        harness.setProcessingTime(1_000);
        View pifu = pifuOverall(harness.extractOutputValues());
        assertThat(pifu.provisional()).isTrue();
        assertThat(pifu.overall().numerator()).isEqualTo(1);
        assertThat(pifu.overall().denominator()).isEqualTo(3);

        harness.getOutput().clear();
        harness.processWatermark(Periods.endOfMonthMillis("2026-10") + LATENESS);
        View closed = pifuOverall(harness.extractOutputValues());
        assertThat(closed.provisional()).as("closed by the watermark").isFalse();
        assertThat(closed.overall().denominator()).isEqualTo(3);

        // A late event still counts: it revises the closed month.
        harness.getOutput().clear();
        harness.processElement(attendance("d", Outcome.PIFU, october10), october10);
        harness.setProcessingTime(2_000);
        View revised = pifuOverall(harness.extractOutputValues());
        assertThat(revised.overall().numerator()).isEqualTo(2);
        assertThat(revised.overall().denominator()).isEqualTo(4);
        assertThat(revised.provisional()).isFalse();
        harness.close();
    }

    @Test
    void countsSurviveARestoreFromACheckpoint() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, CellUpdate, RedisWrite> harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        harness.processElement(attendance("a", Outcome.PIFU, at), at);
        harness.processElement(attendance("b", Outcome.PIFU, at), at);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        KeyedOneInputStreamOperatorTestHarness<String, CellUpdate, RedisWrite> restored =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new CellAggregator(1_000, LATENESS)),
                        CellUpdate::cell, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.setProcessingTime(0);
        restored.processElement(attendance("c", Outcome.DISCHARGED, at), at);
        restored.setProcessingTime(5_000);
        View pifu = pifuOverall(restored.extractOutputValues());
        assertThat(pifu.overall().numerator()).isEqualTo(2);
        assertThat(pifu.overall().denominator()).isEqualTo(3);
        restored.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CellUpdate, RedisWrite> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new CellAggregator(1_000, LATENESS),
                CellUpdate::cell, Types.STRING);
    }

    private static View pifuOverall(List<RedisWrite> writes) {
        String key = "core20:view:pifu_rate:2026-10:*.*.*.*:none";
        RedisWrite last = null;
        for (RedisWrite w : writes) {
            if (w.key().equals(key)) {
                last = w;
            }
        }
        assertThat(last).as("a write of " + key).isNotNull();
        assertThat(writes).anyMatch(w -> w.key().equals(RedisKeys.PERIODS) && "2026-10".equals(w.field()));
        return ViewJson.read(last.value());
    }

    static CellUpdate attendance(String id, Outcome outcome, long at) {
        OutpatientEvent e = new OutpatientEvent(id, EventType.ATTENDANCE, at, "p", null, "QWE", "RJ7", "330", null, 3,
                "A", "2", 40, List.of(), Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO, outcome, null);
        CellUpdate update = new CellUpdate("2026-10", "*.*.*.*", e, new EventProfile(3, "A", "2", 40));
        assertThat(update.cell()).isEqualTo(OCTOBER_ENGLAND);
        return update;
    }
}
