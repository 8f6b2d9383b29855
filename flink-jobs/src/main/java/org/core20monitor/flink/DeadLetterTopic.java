package org.core20monitor.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.core20monitor.flink.source.KafkaOptions;

/**
 * Dead letters to a Kafka topic, exactly once: each is written in the Kafka transaction of the checkpoint
 * that covers it and becomes visible to {@code read_committed} consumers when that checkpoint completes,
 * so a restart neither loses nor repeats one. Keyed by where the record came from (topic, partition and
 * offset, or file and line), so a feed's owners can find and fix each one. The stored form blanks patient
 * and pathway identifiers, as in Redis.
 */
final class DeadLetterTopic {

    /**
     * Kafka brokers refuse a transaction longer than their {@code transaction.max.timeout.ms} (15 minutes
     * unless raised); the sink's own default is an hour. Checkpoints come far more often than this.
     */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    private DeadLetterTopic() {}

    /** A dead letter as a record: keyed by where it came from, its stored JSON as the value. */
    record Records(String topic) implements KafkaRecordSerializationSchema<DeadLetter> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, letter.id().getBytes(StandardCharsets.UTF_8),
                    DeadLetters.json(letter).getBytes(StandardCharsets.UTF_8));
        }
    }

    static KafkaSink<DeadLetter> sink(KafkaOptions kafka) {
        var producer = kafka.copyOfClientProperties();
        producer.putIfAbsent("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new Records(kafka.deadLetterTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.groupId() + "-dead-letters")
                .build();
    }
}
