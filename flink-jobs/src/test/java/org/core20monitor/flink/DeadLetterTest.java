package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void storedLinesLoseTheirPatientAndPathwayIdentifiers() {
        DeadLetter d = new DeadLetter("f.jsonl", 3, "icb:missing", "icb is required",
                "{\"event_id\":\"e1\",\"patient_id\":\"p-8f3a\",\"pathway_id\":\"w \\\"9\\\"\",\"icb\":\"qw\"}");
        String stored = d.withoutIdentifiers().line();
        assertThat(stored).doesNotContain("p-8f3a").doesNotContain("w \\\"9\\\"")
                .contains("\"patient_id\":\"(removed)\"").contains("\"event_id\":\"e1\"").contains("\"icb\":\"qw\"");
    }

    @Test
    void aTruncatedLineLosesTheIdentifierItWasCutIn() {
        DeadLetter d = new DeadLetter("f.jsonl", 4, "record:json", "not valid JSON", "{\"event_id\":\"e1\",\"patient_id\":\"p-8f");
        assertThat(d.withoutIdentifiers().line()).doesNotContain("p-8f");
    }
}
