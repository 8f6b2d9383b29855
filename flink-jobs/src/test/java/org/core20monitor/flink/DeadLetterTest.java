package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.core20monitor.core.event.Rejection;
import org.core20monitor.flink.source.SourceLine;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void storedLinesLoseTheirPatientAndPathwayIdentifiers() {
        DeadLetter d = DeadLetter.of(new SourceLine("f.jsonl", 3,
                "{\"event_id\":\"e1\",\"patient_id\":\"p-8f3a\",\"pathway_id\":\"w \\\"9\\\"\",\"icb\":\"qw\"}"),
                new Rejection("icb", "missing", "icb is required"));
        String stored = d.line();
        assertThat(stored).doesNotContain("p-8f3a").doesNotContain("w \\\"9\\\"")
                .contains("\"patient_id\":\"(removed)\"").contains("\"event_id\":\"e1\"").contains("\"icb\":\"qw\"");
    }

    @Test
    void aTruncatedLineLosesTheIdentifierItWasCutIn() {
        DeadLetter d = DeadLetter.of(new SourceLine("f.jsonl", 4, "{\"event_id\":\"e1\",\"patient_id\":\"p-8f"),
                new Rejection("record", "json", "not valid JSON"));
        assertThat(d.line()).doesNotContain("p-8f");
    }

    @Test
    void aLongLineIsKeptOnlyInPartAndTheReadersProblemIsItsReason() {
        String line = "{\"event_id\":\"e1\",\"note\":\"" + "n".repeat(5_000) + "\"}";
        DeadLetter d = DeadLetter.of(new SourceLine("f.jsonl", 9, line), new Rejection("record", "json", "not valid JSON"));
        assertThat(d.line()).hasSize(DeadLetter.MAX_STORED_LINE + " (3027 more characters)".length() + 1)
                .startsWith(line.substring(0, DeadLetter.MAX_STORED_LINE)).endsWith("… (3027 more characters)");
        assertThat(d.reason()).isEqualTo("record:json");
        assertThat(d.id()).isEqualTo("f.jsonl#9");

        String cutInAnIdentifier = "{\"event_id\":\"e1\",\"patient_id\":\"" + "p".repeat(5_000) + "\"}";
        assertThat(DeadLetter.of(new SourceLine("f.jsonl", 10, cutInAnIdentifier), new Rejection("record", "too_long", "long"))
                .line()).as("blanked as it is made").doesNotContain("pp").contains("\"patient_id\":\"(removed)\"");
    }
}
