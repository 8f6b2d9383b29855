package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.junit.jupiter.api.Test;

class FirstOccurrenceTest {

    private static final long RETENTION = Duration.ofDays(30).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, OutpatientEvent, OutpatientEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FirstOccurrence(RETENTION),
                OutpatientEvent::eventId, Types.STRING);
    }

    @Test
    void aRepeatedEventIdPassesOnceAndIsReportedAsADuplicate() throws Exception {
        var harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        OutpatientEvent a = CellAggregatorTest.event("a", Outcome.PIFU, at);
        OutpatientEvent b = CellAggregatorTest.event("b", Outcome.PIFU, at);
        harness.processElement(a, at);
        harness.processElement(b, at);
        harness.processElement(a, at);
        harness.processElement(a, at + 1);

        assertThat(harness.extractOutputValues()).extracting(OutpatientEvent::eventId).containsExactly("a", "b");
        assertThat(harness.getSideOutput(FirstOccurrence.DUPLICATES)).hasSize(2);
        harness.close();
    }

    @Test
    void anIdIsForgottenOnceTheEventTimePassesItsRetention() throws Exception {
        var harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        OutpatientEvent a = CellAggregatorTest.event("a", Outcome.PIFU, at);
        harness.processElement(a, at);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(at + RETENTION - 1);
        harness.processElement(a, at + RETENTION - 1);          // still remembered: a duplicate
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(FirstOccurrence.DUPLICATES)).hasSize(1);

        harness.processWatermark(at + RETENTION);                // retention over: forgotten
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processElement(a, at + RETENTION + 1);
        assertThat(harness.extractOutputValues()).as("counted again after the retention").hasSize(2);
        harness.close();
    }

    @Test
    void theRetentionSurvivesASnapshotAndRestore() throws Exception {
        var harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        OutpatientEvent a = CellAggregatorTest.event("a", Outcome.PIFU, at);
        harness.processElement(a, at);
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new FirstOccurrence(RETENTION)),
                OutpatientEvent::eventId, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(a, at + 5);
        assertThat(restored.extractOutputValues()).as("remembered across the restore").isEmpty();
        restored.processWatermark(at + RETENTION);
        restored.processElement(a, at + RETENTION + 5);
        assertThat(restored.extractOutputValues()).hasSize(1);
        restored.close();
    }

    @Test
    void aRetentionMustBePositive() {
        assertThatThrownBy(() -> new FirstOccurrence(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
