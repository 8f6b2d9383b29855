package org.core20monitor.flink.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.JsonLinesReader;

/**
 * A Kafka message as an input line: its value read exactly as a line of a file is (strict UTF-8, at most
 * {@link EventParser#MAX_LINE_LENGTH} bytes), tagged with its topic, partition and offset so a dead
 * letter leads back to the message. A message that cannot be read still becomes a line, with its
 * problem, and so a dead letter: nothing fails the job and nothing is dropped unseen.
 */
public final class KafkaLines implements KafkaRecordDeserializationSchema<SourceLine> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceLine> out) {
        JsonLinesReader.Line line = JsonLinesReader.decode(record.value(), EventParser.MAX_LINE_LENGTH);
        out.collect(new SourceLine(source(record.topic(), record.partition()), record.offset(), line.text(),
                line.problem()));
    }

    /** How a dead letter names the partition its message came from. */
    public static String source(String topic, int partition) {
        return "kafka:" + topic + "/" + partition;
    }

    @Override
    public TypeInformation<SourceLine> getProducedType() {
        return TypeInformation.of(SourceLine.class);
    }
}
