package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Enrichment;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.junit.jupiter.api.Test;

class ClassifyQualityTest {

    @Test
    void anEventBehindTheWatermarkIsCountedAsLate() throws Exception {
        OneInputStreamOperatorTestHarness<OutpatientEvent, QualitySignal> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ClassifyQuality(new Enrichment(ImdLookup.load(ImdEdition.IMD2025))));
        long oct10 = Instant.parse("2026-10-10T10:00:00Z").toEpochMilli();
        harness.processElement(CellAggregatorTest.event("on-time", Outcome.PIFU, oct10), oct10);
        harness.processWatermark(oct10 + 3_600_000);
        harness.processElement(CellAggregatorTest.event("ahead", Outcome.PIFU, oct10 + 7_200_000), oct10 + 7_200_000);
        harness.processElement(CellAggregatorTest.event("behind", Outcome.PIFU, oct10 + 60_000), oct10 + 60_000);

        List<QualitySignal> signals = harness.extractOutputValues();
        assertThat(signals).filteredOn(s -> s.counter().equals(QualitySignal.ACCEPTED)).hasSize(3);
        assertThat(signals).filteredOn(s -> s.counter().equals(QualitySignal.LATE))
                .extracting(QualitySignal::eventTimeMillis).containsExactly(oct10 + 60_000);
        // The test events carry no LSOA but a decile, and ethnicity A: nothing else is flagged.
        assertThat(signals).extracting(QualitySignal::counter)
                .doesNotContain(QualitySignal.IMD_UNKNOWN, QualitySignal.ETHNICITY_UNKNOWN);
        harness.close();
    }
}
