package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.core20monitor.flink.source.KafkaLines;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing double-counted through a {@code kill -9}: the real job, in its own JVM at
 * parallelism 2, reads batches of events as they arrive, as files dropped into a watched directory or
 * as messages produced to a Kafka topic of two partitions. After half the input it is killed mid-batch,
 * when Redis already holds results of that batch that no checkpoint covers, and started again with the
 * same checkpoint directory ({@link KillAndResume}); it must resume from its newest checkpoint (for
 * Kafka, from the offsets in it) and, once the rest of the input has arrived (repeats of records counted
 * before the kill, late events among them), leave every key in Redis exactly as a run over the files
 * that was never interrupted leaves it in another Redis. Through Kafka the dead letters also go to
 * their own topic, each exactly once, and the consumer group's committed offsets reach the end of the
 * events topic.
 */
class KillAndRestoreIntegrationTest {

    private static final int BATCHES = 8;
    private static final String EVENTS = "core20-events";
    private static final String DEAD_LETTERS = "core20-dead-letters";
    private static final String GROUP = "core20-test-job";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final BatchedInput INPUT = BatchedInput.generate(BATCHES, 11);
    /** Redis after the uninterrupted run over files: what every interrupted run must end with. */
    private static Map<String, Object> uninterrupted;
    /** Its inbox, used again by the interrupted run over files so dead letters name the same files. */
    private static Path inbox;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void runUninterrupted() throws Exception {
        inbox = Files.createDirectory(shared.resolve("inbox"));
        try (TestRedis redis = TestRedis.start();
             JobProcess job = JobProcess.start(shared.resolve("uninterrupted.log"),
                     fileArgs(inbox, redis, shared.resolve("uninterrupted-checkpoints")))) {
            uninterrupted = INPUT.runUninterrupted(inbox, redis.commands(), KillAndResume.QUIET, KillAndResume.WAIT, job);
        }
        BatchedInput.empty(inbox);
        // The run exercised what it is meant to: repeats, late events and dead letters all counted.
        @SuppressWarnings("unchecked")
        Map<String, String> quality = (Map<String, String>) uninterrupted.get("core20:quality");
        assertThat(Long.parseLong(quality.get("duplicate"))).isEqualTo(INPUT.duplicatesAfter[BATCHES - 1]).isPositive();
        assertThat(Long.parseLong(quality.get("late"))).as("late events counted").isPositive();
        assertThat(deadLetters(uninterrupted)).hasSize((int) INPUT.rejectedAfter[BATCHES - 1]);
        assertThat(uninterrupted.keySet()).anyMatch(k -> k.startsWith("core20:cell:")).anyMatch(k -> k.startsWith("core20:live:"));
    }

    @Test
    void aKilledJobResumesFromItsNewestCheckpointAndRedisEndsAsIfItHadNeverStopped() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Map<String, Object> resumed;
        try (TestRedis redis = TestRedis.start()) {
            resumed = KillAndResume.run(INPUT, b -> INPUT.deliver(b, inbox),
                    name -> JobProcess.start(dir.resolve(name + ".log"), fileArgs(inbox, redis, checkpoints)),
                    checkpoints.toUri().toString(), redis.commands(), job -> { });
        } finally {
            BatchedInput.empty(inbox);
        }
        assertThat(RedisContent.differences(uninterrupted, resumed, 10)).as("keys that differ from the uninterrupted run")
                .isEmpty();
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    @Test
    void throughKafkaAKilledJobResumesFromTheOffsetsInItsCheckpointAndWritesEachDeadLetterOnce() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Map<String, Object> resumed;
        List<String> topicLetters = new ArrayList<>();
        try (TestKafka kafka = TestKafka.start();
             TestRedis redis = TestRedis.start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.createTopic(EVENTS, 2);
            kafka.createTopic(DEAD_LETTERS, 1);
            // As the two files of a batch are read side by side, its two parts go to two partitions.
            KillAndResume.Feed feed = b -> {
                BatchedInput.Batch batch = INPUT.batches.get(b);
                batch.events().forEach(line -> producer.send(record(0, line)));
                batch.extras().forEach(line -> producer.send(record(1, line)));
                producer.flush();
            };
            resumed = KillAndResume.run(INPUT, feed,
                    name -> JobProcess.start(dir.resolve(name + ".log"), kafkaArgs(kafka, redis, checkpoints)),
                    checkpoints.toUri().toString(), redis.commands(), job -> {
                        awaitOffsetsCommittedToTheEnd(kafka, job);
                        topicLetters.addAll(readCommitted(kafka, INPUT.rejectedAfter[BATCHES - 1]));
                    });
        }

        // Every key but the dead letters, which name where each record came from (a file's line, a
        // partition's offset), as the uninterrupted run over files left it.
        Map<String, Object> withoutLetters = withoutDeadLetters(resumed);
        assertThat(RedisContent.differences(withoutDeadLetters(uninterrupted), withoutLetters, 10))
                .as("keys that differ from the uninterrupted run").isEmpty();
        assertThat(withoutLetters).isEqualTo(withoutDeadLetters(uninterrupted));

        // The same records rejected for the same reasons, each traced to its partition and offset.
        List<JsonNode> letters = deadLetters(resumed);
        assertThat(letters).extracting(d -> d.get("source").asText())
                .allMatch(s -> s.equals(KafkaLines.source(EVENTS, 0)) || s.equals(KafkaLines.source(EVENTS, 1)));
        assertThat(whatAndWhy(letters)).isEqualTo(whatAndWhy(deadLetters(uninterrupted)));

        // The topic has each dead letter once, though the job was killed with a transaction open.
        List<JsonNode> fromTopic = new ArrayList<>();
        for (String value : topicLetters) {
            fromTopic.add(JSON.readTree(value));
        }
        assertThat(fromTopic).hasSize((int) INPUT.rejectedAfter[BATCHES - 1]);
        assertThat(whatAndWhy(fromTopic)).isEqualTo(whatAndWhy(letters));
        assertThat(fromTopic.stream().map(d -> d.get("source").asText() + "#" + d.get("position").asLong())
                .distinct().count()).isEqualTo(fromTopic.size());
    }

    private static ProducerRecord<byte[], byte[]> record(int partition, String line) {
        return new ProducerRecord<>(EVENTS, partition, null, line.getBytes(StandardCharsets.UTF_8));
    }

    /** The group's committed offsets (committed when a checkpoint completes) reach each partition's end. */
    private static void awaitOffsetsCommittedToTheEnd(TestKafka kafka, JobProcess job) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(EVENTS, 0), OffsetSpec.latest(),
                    new TopicPartition(EVENTS, 1), OffsetSpec.latest());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            assertThat(ends.values()).allMatch(end -> end > 0);
            Map<TopicPartition, Long> committed = new HashMap<>();
            RedisContent.await("the group's offsets committed to the end of " + EVENTS + " " + ends + ", now "
                    + committed, KillAndResume.WAIT, job, () -> {
                        committed.clear();
                        try {
                            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
                        } catch (Exception e) {
                            return false;
                        }
                        return committed.equals(ends);
                    });
        }
    }

    /** What a read_committed consumer of the dead-letter topic sees: all of {@code expected}, then quiet. */
    private static List<String> readCommitted(TestKafka kafka, long expected) {
        Properties properties = kafka.clientProperties();
        properties.put("isolation.level", "read_committed");
        properties.put("auto.offset.reset", "earliest");
        properties.put("group.id", "core20-test-reader");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            long deadline = System.nanoTime() + KillAndResume.WAIT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
                if (values.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    // Anything repeated would have been committed with the rest: wait a little longer for it.
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return values;
    }

    private static Map<String, Object> withoutDeadLetters(Map<String, Object> redis) {
        Map<String, Object> rest = new TreeMap<>(redis);
        rest.remove("core20:deadletter");
        rest.remove("core20:deadletter:index");
        return rest;
    }

    private static List<JsonNode> deadLetters(Map<String, Object> redis) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, String> hash = (Map<String, String>) redis.getOrDefault("core20:deadletter", Map.of());
        for (String value : hash.values()) {
            letters.add(JSON.readTree(value));
        }
        return letters;
    }

    /** Each dead letter's reason and stored line, sorted: the same from any source. */
    private static List<String> whatAndWhy(List<JsonNode> letters) {
        return letters.stream().map(d -> d.get("reason").asText() + " " + d.get("line").asText()).sorted().toList();
    }

    private static List<String> fileArgs(Path inbox, TestRedis redis, Path checkpoints) {
        return List.of("--source", "files", "--input", inbox.toString(), "--watch", "100", "--parallelism", "2",
                "--redis", redis.url(), "--checkpoint-dir", checkpoints.toUri().toString(),
                "--checkpoint-interval", "2000", "--emit-interval", "100", "--idle-timeout", "500");
    }

    private static List<String> kafkaArgs(TestKafka kafka, TestRedis redis, Path checkpoints) {
        return List.of("--source", "kafka", "--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-topic", EVENTS,
                "--kafka-group", GROUP, "--dead-letter-topic", DEAD_LETTERS, "--parallelism", "2",
                "--redis", redis.url(), "--checkpoint-dir", checkpoints.toUri().toString(),
                "--checkpoint-interval", "2000", "--emit-interval", "100", "--idle-timeout", "500");
    }
}
