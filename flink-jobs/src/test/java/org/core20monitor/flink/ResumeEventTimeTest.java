package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ResumeEventTimeTest {

    @Test
    void aRestoredOperatorCarriesOnFromTheLowestWatermarkItsSubtasksHadPassedOn() throws Exception {
        OperatorSubtaskState first = snapshotAfter(5_000);
        OperatorSubtaskState second = snapshotAfter(3_000);
        OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(first, second);

        try (OneInputStreamOperatorTestHarness<String, String> restored = harness()) {
            restored.initializeState(both);
            restored.open();
            restored.processElement("late", 2_000);
            restored.processWatermark(new Watermark(1_000)); // a restarted source starts low: held back
            restored.processWatermark(new Watermark(3_500));
            assertThat(output(restored)).containsExactly("watermark 3000", "late@2000", "watermark 3500");
        }
    }

    @Test
    void aFreshOperatorPassesEverythingThrough() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> fresh = harness()) {
            fresh.open();
            fresh.processElement("a", 10);
            fresh.processWatermark(new Watermark(5));
            fresh.processWatermark(new Watermark(20));
            assertThat(output(fresh)).containsExactly("a@10", "watermark 5", "watermark 20");
        }
    }

    private static OperatorSubtaskState snapshotAfter(long watermark) throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
            h.open();
            h.processElement("x", watermark - 1);
            h.processWatermark(new Watermark(watermark));
            return h.snapshot(1, 0);
        }
    }

    private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ResumeEventTime<String>());
    }

    private static List<String> output(OneInputStreamOperatorTestHarness<String, String> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add("watermark " + w.getTimestamp());
            } else if (o instanceof StreamRecord<?> r) {
                out.add(r.getValue() + "@" + r.getTimestamp());
            }
        }
        return out;
    }
}
