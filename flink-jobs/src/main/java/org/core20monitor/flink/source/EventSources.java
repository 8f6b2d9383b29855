package org.core20monitor.flink.source;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.flink.core.fs.Path;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;

/** The job's inputs: JSON Lines files (replayed or watched), a Kafka topic, and the synthetic generator. */
public final class EventSources {

    private EventSources() {}

    /** A file or a directory of files, read once; or, with a watch interval, watched for new files. */
    public static FileSource<SourceLine> files(String path, Duration watchInterval) {
        FileSource.FileSourceBuilder<SourceLine> builder =
                FileSource.forBulkFileFormat(new LineNumberedTextFormat(), new Path(path));
        if (watchInterval != null) {
            builder.monitorContinuously(watchInterval);
        }
        return builder.build();
    }

    /**
     * The events topic, one event per message, read from the consumer group's committed offsets (the
     * earliest for a group that has none). After a restart from a checkpoint the offsets in the checkpoint
     * win, so nothing is counted twice; offsets are committed to the group when a checkpoint completes,
     * which is how Kafka's own tools see the job's lag. Only committed transactions are read, so a producer
     * that writes exactly once upstream is read exactly once.
     */
    public static KafkaSource<SourceLine> kafka(KafkaOptions kafka) {
        return KafkaSource.<SourceLine>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setClientIdPrefix(kafka.groupId())
                .setProperties(kafka.copyOfClientProperties())
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                // New partitions (a topic scaled out while the job runs) are picked up within a minute.
                .setProperty("partition.discovery.interval.ms", "60000")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaLines())
                .build();
    }

    /** The synthetic history, then (if {@code live}) a live trickle that never ends. */
    public static Source<SourceLine, ?, ?> generator(GeneratorConfig config, boolean live, double liveEventsPerSecond) {
        long count = live ? Long.MAX_VALUE : historyLength(config);
        return new DataGeneratorSource<>(new SyntheticLines(config, liveEventsPerSecond), count,
                TypeInformation.of(SourceLine.class));
    }

    /** The number of lines in the history alone, so a bounded run stops exactly at its end. */
    static long historyLength(GeneratorConfig config) {
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        long n = 0;
        while (generator.nextHistory() != null) {
            n++;
        }
        return n;
    }
}
