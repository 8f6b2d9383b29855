package org.core20monitor.flink.source;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the job reads events from Kafka and writes its dead letters: the brokers, the events topic, the
 * consumer group whose committed offsets show how far the job has read, an optional dead-letter topic,
 * and any further client settings (TLS, SASL) from a properties file, which in a cluster is a mounted
 * Secret so no credential is ever an argument or in the repository.
 */
public record KafkaOptions(String bootstrapServers, String topic, String groupId, String deadLetterTopic,
                           Properties clientProperties) implements Serializable {

    public static final String DEFAULT_TOPIC = "outpatient-events";
    public static final String DEFAULT_GROUP = "core20-outpatient-metrics";

    public KafkaOptions {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--kafka-bootstrap (host:port of the brokers) is required with --source kafka");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("--kafka-topic must name the events topic");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("--kafka-group must name the consumer group");
        }
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("--dead-letter-topic must not be the events topic " + topic);
        }
        clientProperties = clientProperties == null ? new Properties() : clientProperties;
    }

    /** Client settings from a {@code .properties} file; null reads as none. */
    public static Properties clientProperties(String file) {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Kafka client settings in --kafka-config " + file + ": "
                    + e.getMessage(), e);
        }
        return properties;
    }

    /** The client settings' names only: their values may be credentials, and a record prints everything. */
    @Override
    public String toString() {
        return "KafkaOptions[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", groupId=" + groupId
                + ", deadLetterTopic=" + deadLetterTopic + ", clientProperties=" + new java.util.TreeSet<>(
                clientProperties.stringPropertyNames()) + "]";
    }

    /** A copy of the client settings, so each consumer or producer can add its own. */
    public Properties copyOfClientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }
}
