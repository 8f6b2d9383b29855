package org.core20monitor.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.ParameterTool;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.GenerateEvents;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.flink.source.KafkaOptions;

/**
 * The job's settings, from command-line arguments with environment variables as fallbacks
 * (argument {@code --redis} or {@code REDIS_URL}, and so on), so nothing needs editing to deploy.
 */
public record JobOptions(
        String source,
        String input,
        Duration watchInterval,
        String redisUrl,
        ImdEdition imdEdition,
        String imdFile,
        String areasFile,
        long checkpointIntervalMillis,
        String checkpointDir,
        long emitIntervalMillis,
        long allowedLatenessMillis,
        long dedupRetentionMillis,
        boolean live,
        double liveEventsPerSecond,
        GeneratorConfig generator,
        String restore,
        long deadLetterKeep,
        long idleTimeoutMillis,
        int parallelism,
        KafkaOptions kafka) implements Serializable {

    public JobOptions {
        if (dedupRetentionMillis <= allowedLatenessMillis) {
            // Closed pathways are remembered for the dedup retention, and must be while events may be late.
            throw new IllegalArgumentException("--dedup-retention-days must be longer than --allowed-lateness-days ("
                    + allowedLatenessMillis / 86_400_000 + " days), was " + dedupRetentionMillis / 86_400_000 + " days");
        }
    }

    /** {@code --restore} values besides an explicit checkpoint or savepoint path. */
    public static final String RESTORE_LATEST = "latest";
    public static final String RESTORE_NONE = "none";
    public static final long DEFAULT_DEAD_LETTER_KEEP = 100_000;

    public static JobOptions from(String[] args, Map<String, String> env) {
        ParameterTool p = ParameterTool.fromArgs(args);
        String source = option(p, env, "source", "CORE20_SOURCE", "generator");
        if (!source.equals("generator") && !source.equals("files") && !source.equals("kafka")) {
            throw new IllegalArgumentException("--source must be generator, files or kafka, was " + source);
        }
        String input = option(p, env, "input", "CORE20_INPUT", null);
        if (source.equals("files") && input == null) {
            throw new IllegalArgumentException("--input (a file or directory) is required with --source files");
        }
        String watch = option(p, env, "watch", "CORE20_WATCH", null);
        ImdEdition edition = ImdEdition.parse(option(p, env, "imd", "IMD_EDITION", "2025"));
        long deadLetterKeep = Long.parseLong(option(p, env, "dead-letter-keep", "DEAD_LETTER_KEEP",
                String.valueOf(DEFAULT_DEAD_LETTER_KEEP)));
        if (deadLetterKeep <= 0) {
            throw new IllegalArgumentException("--dead-letter-keep must be positive, was " + deadLetterKeep);
        }
        long idleTimeout = Long.parseLong(option(p, env, "idle-timeout", "IDLE_TIMEOUT_MS", "30000"));
        if (idleTimeout <= 0) {
            throw new IllegalArgumentException("--idle-timeout must be positive, was " + idleTimeout);
        }
        Map<String, String> generatorOptions = new java.util.HashMap<>(p.toMap());
        generatorOptions.put("imd", edition.name());
        // A streamed feed, like a real one, carries the odd malformed or repeated record.
        generatorOptions.putIfAbsent("bad-rate", "0.0005");
        generatorOptions.putIfAbsent("duplicate-rate", "0.002");
        return new JobOptions(
                source,
                input,
                watch == null ? null : Duration.ofMillis(Long.parseLong(watch)),
                option(p, env, "redis", "REDIS_URL", "redis://127.0.0.1:6379"),
                edition,
                option(p, env, "imd-file", "IMD_FILE", null),
                option(p, env, "areas-file", "CLINICAL_AREAS_FILE", null),
                Long.parseLong(option(p, env, "checkpoint-interval", "CHECKPOINT_INTERVAL_MS", "10000")),
                option(p, env, "checkpoint-dir", "CHECKPOINT_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "core20-checkpoints").toUri().toString()),
                Long.parseLong(option(p, env, "emit-interval", "EMIT_INTERVAL_MS", "1000")),
                Duration.ofDays(Long.parseLong(option(p, env, "allowed-lateness-days", "ALLOWED_LATENESS_DAYS", "7")))
                        .toMillis(),
                Duration.ofDays(Long.parseLong(option(p, env, "dedup-retention-days", "DEDUP_RETENTION_DAYS",
                        String.valueOf(FirstOccurrence.DEFAULT_RETENTION_DAYS)))).toMillis(),
                Boolean.parseBoolean(option(p, env, "live", "CORE20_LIVE", "true")),
                Double.parseDouble(option(p, env, "live-rate", "CORE20_LIVE_RATE", "5")),
                source.equals("generator") ? GenerateEvents.config(generatorOptions) : null,
                option(p, env, "restore", "CORE20_RESTORE", RESTORE_LATEST),
                deadLetterKeep,
                idleTimeout,
                parallelism(option(p, env, "parallelism", "PARALLELISM", "0")),
                source.equals("kafka") ? new KafkaOptions(
                        option(p, env, "kafka-bootstrap", "KAFKA_BOOTSTRAP_SERVERS", null),
                        option(p, env, "kafka-topic", "KAFKA_TOPIC", KafkaOptions.DEFAULT_TOPIC),
                        option(p, env, "kafka-group", "KAFKA_GROUP_ID", KafkaOptions.DEFAULT_GROUP),
                        option(p, env, "dead-letter-topic", "KAFKA_DEAD_LETTER_TOPIC", null),
                        KafkaOptions.clientProperties(option(p, env, "kafka-config", "KAFKA_CONFIG_FILE", null)))
                        : null);
    }

    /** 0 leaves it to Flink (the cluster's default, or the number of cores in a local MiniCluster). */
    private static int parallelism(String text) {
        int parallelism;
        try {
            parallelism = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            parallelism = -1;
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be a whole number, 0 for Flink's default, was " + text);
        }
        return parallelism;
    }

    private static String option(ParameterTool p, Map<String, String> env, String arg, String var, String fallback) {
        if (p.has(arg)) {
            return p.get(arg);
        }
        String value = env.get(var);
        return value != null && !value.isBlank() ? value : fallback;
    }
}
