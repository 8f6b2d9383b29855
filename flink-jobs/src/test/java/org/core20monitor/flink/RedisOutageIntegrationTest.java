package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis goes away for more than 30 seconds while the job (MiniCluster, parallelism 2, restarts
 * disabled) is streaming a watched directory, and more input arrives meanwhile. The job must neither
 * fail nor lose anything: when Redis (persistent, as in production) is back, it sends what it held,
 * tells the servers about every key that changed, and in the end Redis holds exactly what an
 * uninterrupted run over the same input leaves.
 */
class RedisOutageIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int BATCHES = 7;
    private static final int DOWN_BEFORE = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofMillis(2_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theJobRidesOutARedisOutageAndRedisEndsAsIfThereHadBeenNone() throws Exception {
        BatchedInput input = BatchedInput.generate(BATCHES, 23);
        Path inbox = Files.createDirectory(dir.resolve("inbox"));

        Map<String, Object> uninterrupted;
        try (TestRedis redis = TestRedis.start();
             ClusterJob job = ClusterJob.start(options(inbox, redis, "uninterrupted"), "uninterrupted")) {
            uninterrupted = input.runUninterrupted(inbox, redis.commands(), QUIET, WAIT, job);
        }
        BatchedInput.empty(inbox);

        Map<String, Object> beforeOutage;
        Map<String, Object> after;
        Set<String> announcedAfterOutage = ConcurrentHashMap.newKeySet();
        Set<String> heldBack = new TreeSet<>();
        try (TestRedis redis = TestRedis.startPersistent();
             ClusterJob job = ClusterJob.start(options(inbox, redis, "outage"), "outage")) {
            for (int b = 0; b < DOWN_BEFORE; b++) {
                input.deliver(b, inbox);
                RedisContent.awaitCounted(redis.commands(), input, b, WAIT, job);
            }
            beforeOutage = RedisContent.awaitQuiet(redis.commands(), QUIET, WAIT, job);

            redis.stop();
            long stopped = System.nanoTime();
            // More input while Redis is away. One batch only: the readers are held back, and two
            // batches read side by side would make the late counter depend on who got ahead.
            input.deliver(DOWN_BEFORE, inbox);
            long down;
            while ((down = System.nanoTime() - stopped) < OUTAGE.toNanos()) {
                RedisContent.pause(Math.max(1, (OUTAGE.toNanos() - down) / 1_000_000));
                assertThat(job.status()).as("the job while Redis is down").isEqualTo(JobStatus.RUNNING);
            }
            assertThat(Duration.ofNanos(down)).isGreaterThanOrEqualTo(OUTAGE);
            redis.restart();

            // Listen at once, before the job's next retry: what it held back must be announced.
            RedisClient listenerClient = RedisClient.create(redis.url());
            try (StatefulRedisPubSubConnection<String, String> listener = listenerClient.connectPubSub()) {
                listener.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        try {
                            announcedAfterOutage.addAll(JSON.readValue(message, new TypeReference<Set<String>>() {}));
                        } catch (Exception e) {
                            announcedAfterOutage.add("unreadable: " + message);
                        }
                    }
                });
                listener.sync().subscribe(RedisKeys.UPDATES_CHANNEL);

                RedisCommands<String, String> c = redis.commands();
                RedisContent.awaitCounted(c, input, DOWN_BEFORE, WAIT, job);
                heldBack.addAll(changedAnnouncedKeys(beforeOutage, RedisContent.of(c)));
                for (int b = DOWN_BEFORE + 1; b < BATCHES; b++) {
                    input.deliver(b, inbox);
                    RedisContent.awaitCounted(c, input, b, WAIT, job);
                }
                after = RedisContent.awaitSettled(c, input, QUIET, WAIT, job);
            } finally {
                listenerClient.shutdown();
            }
            assertThat(job.status()).as("the job after the outage (restarts are disabled: a failure would end it)")
                    .isEqualTo(JobStatus.RUNNING);
        }

        assertThat(RedisContent.differences(uninterrupted, after, 10)).as("keys that differ from the uninterrupted run")
                .isEmpty();
        assertThat(after).isEqualTo(uninterrupted);

        // Every announced key (views and data quality) that the held-back writes changed, and every one
        // changed since, was published after Redis came back, so servers that lost their subscription
        // during the outage still learn of each change.
        assertThat(heldBack).as("keys changed by the input that arrived during the outage").isNotEmpty();
        assertThat(announcedAfterOutage).as("published after the outage").containsAll(heldBack)
                .containsAll(changedAnnouncedKeys(beforeOutage, after));
    }

    /** Cell, live and data-quality keys (the ones the job announces) whose value differs. */
    private static Set<String> changedAnnouncedKeys(Map<String, Object> before, Map<String, Object> after) {
        Set<String> changed = new TreeSet<>();
        after.forEach((key, value) -> {
            boolean announced = key.startsWith("core20:cell:") || key.startsWith("core20:live:") || key.equals(RedisKeys.QUALITY);
            if (announced && !Objects.equals(value, before.get(key))) {
                changed.add(key);
            }
        });
        return changed;
    }

    private JobOptions options(Path inbox, TestRedis redis, String run) {
        return JobOptions.from(new String[] {"--source", "files", "--input", inbox.toString(), "--watch", "100",
                "--redis", redis.url(), "--checkpoint-dir", dir.resolve(run + "-checkpoints").toUri().toString(),
                "--checkpoint-interval", "500", "--emit-interval", "100", "--idle-timeout", "500"}, Map.of());
    }
}
