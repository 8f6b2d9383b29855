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

    private static KeyedOneInputStreamOperatorTestHarness<Integer, OutpatientEvent, OutpatientEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FirstOccurrence(RETENTION),
                FirstOccurrence.BUCKET, Types.INT);
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
        harness.processWatermark(at + RETENTION - 1);
        harness.processElement(a, at + RETENTION - 1);          // still remembered: a duplicate
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(FirstOccurrence.DUPLICATES)).hasSize(1);

        harness.processWatermark(at + RETENTION);                // retention over: forgotten
        harness.processElement(a, at + RETENTION + 1);
        assertThat(harness.extractOutputValues()).as("counted again after the retention").hasSize(2);
        harness.processElement(a, at + RETENTION + 2);
        assertThat(harness.extractOutputValues()).as("and remembered again").hasSize(2);
        harness.close();
    }

    @Test
    void aBucketKeepsOneTimerHoweverManyIdsItHoldsAndSweepsThemAllAway() throws Exception {
        var harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        int key = -1;
        int ids = 0;
        // Ids of one bucket, first seen a minute apart.
        for (int i = 0; ids < 50; i++) {
            OutpatientEvent e = CellAggregatorTest.event("id-" + i, Outcome.PIFU, at + ids * 60_000L);
            int bucket = FirstOccurrence.BUCKET.getKey(e);
            if (key < 0) {
                key = bucket;
            }
            if (bucket == key) {
                harness.processElement(e, e.eventTimeMillis());
                ids++;
            }
        }
        assertThat(harness.extractOutputValues()).hasSize(50);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        // Past the last id's retention and the sweep's slack: nothing left, not even a timer.
        harness.processWatermark(at + 50 * 60_000L + RETENTION + RETENTION / 8);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
        harness.close();
    }

    @Test
    void anEventOlderThanTheRetentionIsCountedAndItsRepeatsAreNot() throws Exception {
        var harness = harness();
        long at = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        harness.processWatermark(at);
        OutpatientEvent old = CellAggregatorTest.event("old", Outcome.PIFU, at - 2 * RETENTION);
        harness.processElement(old, old.eventTimeMillis());
        harness.processElement(old, old.eventTimeMillis());
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(FirstOccurrence.DUPLICATES)).hasSize(1);
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
                FirstOccurrence.BUCKET, Types.INT);
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
