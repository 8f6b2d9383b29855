package org.core20monitor.flink;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;

/**
 * The Flink settings that make a restart lose and double-count nothing: exactly-once checkpoints to
 * the checkpoint directory, kept when the job is cancelled or killed so the next start can resume
 * from them ({@link ResumePoint}), and checkpoints that may fail without failing the job.
 */
public final class JobConfiguration {

    private JobConfiguration() {}

    /** Checkpointing as the job runs it; the caller adds where to resume from. */
    public static Configuration checkpointing(JobOptions options) {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(options.checkpointIntervalMillis()));
        // Flink only deletes checkpoints on a clean cancel unless told otherwise; a killed process never
        // gets to delete anything, and a cancelled one must leave something to resume from.
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // While Redis is away the sink holds back its writes and with them the checkpoint barrier, so a
        // checkpoint can time out. That must not fail the job: results stay exactly-once, a missed
        // checkpoint only means a longer replay after a crash (checkpoint metrics show a failing store).
        config.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        if (options.parallelism() > 0) {
            config.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        }
        return config;
    }

    /**
     * Resuming from {@code path}. A checkpoint the job found itself is claimed, so Flink deletes it once
     * the resumed job has a newer one and retained checkpoints do not pile up across restarts; a path
     * given by a person or a deployment (often a savepoint) is only read.
     */
    public static Configuration resumeFrom(String path, boolean claim) {
        Configuration config = new Configuration();
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
        config.set(StateRecoveryOptions.RESTORE_MODE, claim ? RecoveryClaimMode.CLAIM : RecoveryClaimMode.NO_CLAIM);
        return config;
    }
}
