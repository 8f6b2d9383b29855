package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.junit.jupiter.api.Test;

class FirstOccurrenceTest {

    @Test
    void aRepeatedEventIdPassesOnceAndIsReportedAsADuplicate() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, OutpatientEvent, OutpatientEvent> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(new FirstOccurrence(), OutpatientEvent::eventId,
                        Types.STRING);
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
}
