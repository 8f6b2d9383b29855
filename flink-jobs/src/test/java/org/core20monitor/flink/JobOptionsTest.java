package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.core20monitor.flink.source.KafkaOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOptionsTest {

    @Test
    void aDedupRetentionNoLongerThanTheAllowedLatenessIsRefusedWithTheReason() {
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--dedup-retention-days", "7"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dedup-retention-days must be longer than --allowed-lateness-days (7 days)");
        assertThat(JobOptions.from(new String[] {"--dedup-retention-days", "30"}, Map.of()).dedupRetentionMillis())
                .isEqualTo(30L * 86_400_000);
    }

    @Test
    void kafkaNeedsItsBrokersAndTakesTheRestFromArgumentsOrTheEnvironment(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--source", "kafka"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-bootstrap (host:port of the brokers) is required with --source kafka");
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--source", "kafka", "--kafka-bootstrap", "k:9092",
                "--dead-letter-topic", "outpatient-events"}, Map.of()))
                .hasMessageContaining("--dead-letter-topic must not be the events topic outpatient-events");
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--source", "kafka", "--kafka-bootstrap", "k:9092",
                "--kafka-config", dir.resolve("missing.properties").toString()}, Map.of()))
                .hasMessageContaining("cannot read the Kafka client settings in --kafka-config");
        assertThatThrownBy(() -> JobOptions.from(new String[] {"--source", "pigeon"}, Map.of()))
                .hasMessage("--source must be generator, files or kafka, was pigeon");

        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=password=\"hunter2\";\n");
        JobOptions options = JobOptions.from(new String[] {"--source", "kafka", "--kafka-topic", "events"},
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9093,kafka-1:9093", "KAFKA_GROUP_ID", "icb-qwe",
                        "KAFKA_DEAD_LETTER_TOPIC", "events-rejected", "KAFKA_CONFIG_FILE", config.toString()));
        KafkaOptions kafka = options.kafka();
        assertThat(kafka.bootstrapServers()).isEqualTo("kafka-0:9093,kafka-1:9093");
        assertThat(kafka.topic()).isEqualTo("events");
        assertThat(kafka.groupId()).isEqualTo("icb-qwe");
        assertThat(kafka.deadLetterTopic()).isEqualTo("events-rejected");
        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(options.toString()).as("printed options name the settings, not their values")
                .contains("sasl.jaas.config").doesNotContain("hunter2");
        assertThat(JobOptions.from(new String[] {"--source", "files", "--input", "x"}, Map.of()).kafka()).isNull();
    }
}
