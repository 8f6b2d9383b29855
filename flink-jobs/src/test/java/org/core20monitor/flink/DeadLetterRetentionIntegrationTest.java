package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters are kept to the newest {@code --dead-letter-keep}: the hash and its index are trimmed
 * together, the oldest first, and a lower limit takes effect at the next dead letter.
 */
class DeadLetterRetentionIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void onlyTheNewestDeadLettersAreKeptAndHashAndIndexAgree() throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            RedisCommands<String, String> c = redis.commands();
            Path inbox = Files.createDirectory(dir.resolve("inbox"));
            try (ClusterJob job = ClusterJob.start(options(inbox, redis, 4, "first"), "dead-letters")) {
                deliver(inbox, "a.jsonl", badLines("a"));
                RedisContent.await("the first file's dead letters", WAIT, job, () -> rejected(c) == 4);
                assertThat(names(c.hkeys(RedisKeys.DEAD_LETTER))).isEqualTo(ids("a.jsonl", 4));

                // Four newer ones: the four older ones, stored strictly before them, make way.
                deliver(inbox, "b.jsonl", badLines("b"));
                RedisContent.await("the second file's dead letters", WAIT, job, () -> rejected(c) == 8);
                RedisContent.await("the first file's dead letters trimmed", WAIT, job,
                        () -> names(c.hkeys(RedisKeys.DEAD_LETTER)).equals(ids("b.jsonl", 4)));
                assertThat(names(c.zrange(RedisKeys.DEAD_LETTER_INDEX, 0, -1))).isEqualTo(ids("b.jsonl", 4));
                String incomplete = c.hkeys(RedisKeys.DEAD_LETTER).stream().filter(k -> k.endsWith("/b.jsonl#2"))
                        .findFirst().orElseThrow();
                assertThat(c.hget(RedisKeys.DEAD_LETTER, incomplete)).contains("\"reason\":\"event_time:missing\"");
            }

            // The limit lowered to 2: the next dead letter trims the older ones down to it.
            Path later = Files.createDirectory(dir.resolve("later"));
            try (ClusterJob job = ClusterJob.start(options(later, redis, 2, "second"), "dead-letters-lowered")) {
                deliver(later, "c.jsonl", List.of("{\"event_id\":\"c-1\","));
                RedisContent.await("the third file's dead letter", WAIT, job,
                        () -> names(c.hkeys(RedisKeys.DEAD_LETTER)).contains("c.jsonl#1") && c.hlen(RedisKeys.DEAD_LETTER) == 2);
                Set<String> kept = names(c.hkeys(RedisKeys.DEAD_LETTER));
                assertThat(kept).contains("c.jsonl#1").hasSize(2);
                assertThat(ids("b.jsonl", 4)).containsAll(kept.stream().filter(k -> !k.equals("c.jsonl#1")).toList());
                assertThat(names(c.zrange(RedisKeys.DEAD_LETTER_INDEX, 0, -1))).isEqualTo(kept);
                assertThat(names(c.zrange(RedisKeys.DEAD_LETTER_INDEX, -1, -1))).as("the newest, by its index score")
                        .containsExactly("c.jsonl#1");
            }
        }
    }

    /** Four malformed lines: broken JSON, an incomplete record, not JSON, an empty line. */
    private static List<String> badLines(String prefix) {
        return List.of("{\"event_id\":\"" + prefix + "-1\",\"event_type\":",
                "{\"event_id\":\"" + prefix + "-2\",\"event_type\":\"ATTENDANCE\"}",
                "not json at all",
                "");
    }

    /** The file names and line numbers of the first {@code n} lines of a file. */
    private static Set<String> ids(String file, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(line -> file + "#" + line).collect(Collectors.toSet());
    }

    /** Dead-letter ids ({@code <file URI>#<line>}) without the directory. */
    private static Set<String> names(java.util.Collection<String> ids) {
        return ids.stream().map(id -> id.substring(id.lastIndexOf('/') + 1)).collect(Collectors.toSet());
    }

    private static long rejected(RedisCommands<String, String> c) {
        return c.hgetall(RedisKeys.QUALITY).entrySet().stream().filter(e -> e.getKey().startsWith("rejected:"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
    }

    private static void deliver(Path dir, String name, List<String> lines) throws java.io.IOException {
        Path hidden = dir.resolve("." + name);
        Files.write(hidden, lines, StandardCharsets.UTF_8);
        Files.move(hidden, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private JobOptions options(Path inbox, TestRedis redis, int keep, String run) {
        return JobOptions.from(new String[] {"--source", "files", "--input", inbox.toString(), "--watch", "100",
                "--redis", redis.url(), "--checkpoint-dir", dir.resolve(run + "-checkpoints").toUri().toString(),
                "--checkpoint-interval", "1000", "--emit-interval", "100", "--dead-letter-keep", String.valueOf(keep)},
                Map.of());
    }
}
