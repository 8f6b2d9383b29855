package org.core20monitor.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.flink.DeadLetter;
import org.junit.jupiter.api.Test;

class KafkaLinesTest {

    private final EventParser parser = new EventParser();

    @Test
    void eachMessageBecomesALineTracedToItsPartitionAndOffsetAndUnreadableOnesBecomeDeadLetters() {
        String good = "{\"event_id\":\"e1\"}";
        List<SourceLine> lines = read(
                new ConsumerRecord<>("events", 3, 41L, null, good.getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>("events", 3, 42L, null, new byte[] {'{', (byte) 0xFF, '}'}),
                new ConsumerRecord<>("events", 0, 7L, null, null),
                new ConsumerRecord<>("events", 1, 9L, null, "x".repeat(EventParser.MAX_LINE_LENGTH + 1)
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(lines).extracting(SourceLine::source)
                .containsExactly("kafka:events/3", "kafka:events/3", "kafka:events/0", "kafka:events/1");
        assertThat(lines).extracting(SourceLine::position).containsExactly(41L, 42L, 7L, 9L);
        assertThat(lines.get(0).text()).isEqualTo(good);
        assertThat(lines.get(0).problem()).isNull();
        assertThat(lines.get(1).problem().reason()).isEqualTo("record:encoding");
        assertThat(lines.get(3).problem().reason()).isEqualTo("record:too_long");
        // A message with no value is read as empty text, which the parser rejects like an empty line.
        assertThat(lines.get(2).problem()).isNull();
        ParseResult empty = parser.parse(lines.get(2).text());
        assertThat(empty).isInstanceOf(ParseResult.Invalid.class);
        DeadLetter letter = DeadLetter.of(lines.get(2), ((ParseResult.Invalid) empty).rejection());
        assertThat(letter.id()).isEqualTo("kafka:events/0#7");
    }

    private static List<SourceLine> read(ConsumerRecord<byte[], byte[]>... records) {
        List<SourceLine> out = new ArrayList<>();
        Collector<SourceLine> collector = new Collector<>() {
            @Override
            public void collect(SourceLine line) {
                out.add(line);
            }

            @Override
            public void close() {}
        };
        KafkaLines lines = new KafkaLines();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            lines.deserialize(r, collector);
        }
        return out;
    }
}
