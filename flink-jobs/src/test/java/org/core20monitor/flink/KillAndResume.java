package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The kill-and-resume run that exactly-once must survive, whatever the feed: batches delivered one at a
 * time to the real job in its own JVM; after {@link #KILLED_IN} batches are counted and checkpointed, the
 * next is delivered and the job killed ({@code kill -9}) once part of it is in Redis, so Redis holds
 * results no checkpoint covers; then a new job on the same checkpoint directory resumes, the rest is
 * delivered, and Redis is returned once it has settled.
 */
final class KillAndResume {

    static final int KILLED_IN = 4;
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration QUIET = Duration.ofMillis(2_000);

    /** How a batch reaches the job: files dropped into its inbox, messages produced to its topic. */
    interface Feed {
        void deliver(int batch) throws Exception;
    }

    /** Starts the job with its log under {@code name}, on the checkpoint directory of the run. */
    interface Starter {
        JobProcess start(String name) throws IOException;
    }

    /** What is checked once Redis has settled, while the resumed job still runs. */
    interface WhileRunning {
        void check(JobProcess job) throws Exception;
    }

    private KillAndResume() {}

    static Map<String, Object> run(BatchedInput input, Feed feed, Starter starter, String checkpoints,
                                   RedisCommands<String, String> c, WhileRunning andThen) throws Exception {
        ResumePoint.Checkpoint resumeFrom;
        try (JobProcess first = starter.start("killed")) {
            for (int b = 0; b < KILLED_IN; b++) {
                feed.deliver(b);
                RedisContent.awaitCounted(c, input, b, WAIT, first);
            }
            // A checkpoint that has everything so far, then the next batch straight after it: the
            // following checkpoint is an interval away, so the kill comes before it.
            long counted = System.currentTimeMillis();
            RedisContent.await("a checkpoint after batch " + (KILLED_IN - 1), WAIT, first,
                    () -> latest(checkpoints) != null && latest(checkpoints).modifiedMillis() > counted);
            long delivered = System.currentTimeMillis();
            feed.deliver(KILLED_IN);
            RedisContent.await("part of batch " + KILLED_IN + " in Redis", WAIT, first,
                    () -> RedisContent.accepted(c) > input.acceptedAfter[KILLED_IN - 1]);
            first.kill();
            resumeFrom = latest(checkpoints);
            // What the killed job wrote of this batch is not in the checkpoint it resumes from, so it is
            // counted and written again after the restart: the double-count this run is about.
            assertThat(resumeFrom.modifiedMillis()).as("the checkpoint resumed from predates batch " + KILLED_IN)
                    .isLessThanOrEqualTo(delivered);
            assertThat(RedisContent.accepted(c)).isGreaterThan(input.acceptedAfter[KILLED_IN - 1]);
            // The killed job may have counted all of the batch already. So that the wait below sees the
            // resumed job's count and not the killed one's, that one field goes: replaying the batch,
            // the resumed job must write it again (and every other key is compared as the kill left it).
            c.hdel("core20:quality", "accepted");
        }

        try (JobProcess second = starter.start("resumed")) {
            RedisContent.await("the resumed job to say where it resumed from", WAIT, second,
                    () -> second.log().contains("Resuming from " + resumeFrom.path()));
            RedisContent.awaitCounted(c, input, KILLED_IN, WAIT, second);
            for (int b = KILLED_IN + 1; b < input.size(); b++) {
                feed.deliver(b);
                RedisContent.awaitCounted(c, input, b, WAIT, second);
            }
            Map<String, Object> settled = RedisContent.awaitSettled(c, input, QUIET, WAIT, second);
            andThen.check(second);
            return settled;
        }
    }

    static ResumePoint.Checkpoint latest(String checkpoints) {
        try {
            return ResumePoint.latest(checkpoints).orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
