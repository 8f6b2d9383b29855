package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing double-counted through a {@code kill -9}: the real job, in its own JVM at its
 * default parallelism (2 here), reads batches of events as they are dropped into a watched directory.
 * After half the input it is killed mid-batch, when Redis already holds results of that batch that no
 * checkpoint covers, and started again with the same checkpoint directory; it must resume from its
 * newest checkpoint and, once the rest of the input has arrived (repeats of records counted before
 * the kill, late events among them), leave every key in Redis exactly as a run that was never
 * interrupted leaves it in another Redis.
 */
class KillAndRestoreIntegrationTest {

    private static final int BATCHES = 8;
    private static final int KILLED_IN = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofMillis(2_000);

    @TempDir
    Path dir;

    @Test
    void aKilledJobResumesFromItsNewestCheckpointAndRedisEndsAsIfItHadNeverStopped() throws Exception {
        BatchedInput input = BatchedInput.generate(BATCHES, 11);
        Path inbox = Files.createDirectory(dir.resolve("inbox"));

        Map<String, Object> uninterrupted;
        try (TestRedis redis = TestRedis.start();
             JobProcess job = JobProcess.start(dir.resolve("uninterrupted.log"),
                     args(inbox, redis, dir.resolve("uninterrupted-checkpoints")))) {
            uninterrupted = input.runUninterrupted(inbox, redis.commands(), QUIET, WAIT, job);
        }
        BatchedInput.empty(inbox);

        Path checkpoints = dir.resolve("checkpoints");
        Map<String, Object> resumed;
        try (TestRedis redis = TestRedis.start()) {
            RedisCommands<String, String> c = redis.commands();
            ResumePoint.Checkpoint resumeFrom;
            try (JobProcess first = JobProcess.start(dir.resolve("killed.log"), args(inbox, redis, checkpoints))) {
                for (int b = 0; b < KILLED_IN; b++) {
                    input.deliver(b, inbox);
                    RedisContent.awaitCounted(c, input, b, WAIT, first);
                }
                // A checkpoint that has everything so far, then the next batch straight after it: the
                // following checkpoint is an interval away, so the kill comes before it.
                long counted = System.currentTimeMillis();
                RedisContent.await("a checkpoint after batch " + (KILLED_IN - 1), WAIT, first,
                        () -> latest(checkpoints) != null && latest(checkpoints).modifiedMillis() > counted);
                long delivered = System.currentTimeMillis();
                input.deliver(KILLED_IN, inbox);
                RedisContent.await("part of batch " + KILLED_IN + " in Redis", WAIT, first,
                        () -> RedisContent.accepted(c) > input.acceptedAfter[KILLED_IN - 1]);
                first.kill();
                resumeFrom = latest(checkpoints);
                // What the killed job wrote of this batch is not in the checkpoint it resumes from, so it is
                // counted and written again after the restart: the double-count this test is about.
                assertThat(resumeFrom.modifiedMillis()).as("the checkpoint resumed from predates batch " + KILLED_IN)
                        .isLessThanOrEqualTo(delivered);
                assertThat(RedisContent.accepted(c)).isGreaterThan(input.acceptedAfter[KILLED_IN - 1]);
                // The killed job may have counted all of the batch already. So that the wait below sees the
                // resumed job's count and not the killed one's, that one field goes: replaying the batch,
                // the resumed job must write it again (and every other key is compared as the kill left it).
                c.hdel("core20:quality", "accepted");
            }

            try (JobProcess second = JobProcess.start(dir.resolve("resumed.log"), args(inbox, redis, checkpoints))) {
                RedisContent.await("the resumed job to say where it resumed from", WAIT, second,
                        () -> second.log().contains("Resuming from " + resumeFrom.path()));
                RedisContent.awaitCounted(c, input, KILLED_IN, WAIT, second);
                for (int b = KILLED_IN + 1; b < BATCHES; b++) {
                    input.deliver(b, inbox);
                    RedisContent.awaitCounted(c, input, b, WAIT, second);
                }
                resumed = RedisContent.awaitSettled(c, input, QUIET, WAIT, second);
            }
        }

        // The run exercised what it is meant to: repeats, late events and dead letters all counted.
        @SuppressWarnings("unchecked")
        Map<String, String> quality = (Map<String, String>) uninterrupted.get("core20:quality");
        assertThat(Long.parseLong(quality.get("duplicate"))).isEqualTo(input.duplicatesAfter[BATCHES - 1]).isPositive();
        assertThat(Long.parseLong(quality.get("late"))).as("late events counted").isPositive();
        assertThat((Map<?, ?>) uninterrupted.get("core20:deadletter")).hasSize((int) input.rejectedAfter[BATCHES - 1]);
        assertThat(uninterrupted.keySet()).anyMatch(k -> k.startsWith("core20:cell:")).anyMatch(k -> k.startsWith("core20:live:"));

        assertThat(RedisContent.differences(uninterrupted, resumed, 10)).as("keys that differ from the uninterrupted run")
                .isEmpty();
        assertThat(resumed).isEqualTo(uninterrupted);
    }

    private static List<String> args(Path inbox, TestRedis redis, Path checkpoints) {
        return List.of("--source", "files", "--input", inbox.toString(), "--watch", "100",
                "--redis", redis.url(), "--checkpoint-dir", checkpoints.toUri().toString(),
                "--checkpoint-interval", "2000", "--emit-interval", "100", "--idle-timeout", "500");
    }

    private static ResumePoint.Checkpoint latest(Path checkpoints) {
        try {
            return ResumePoint.latest(checkpoints.toUri().toString()).orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
