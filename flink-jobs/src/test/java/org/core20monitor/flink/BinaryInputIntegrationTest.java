package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that is not JSON Lines at all (random bytes, including a stretch with no newline far longer
 * than any line the job holds) lands among real events: the job finishes, counts every real event,
 * and dead-letters every line of the rubbish with a reason, which the test counts its own way.
 */
class BinaryInputIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void rubbishBetweenRealEventsIsDeadLetteredAndTheEventsAllCount() throws Exception {
        List<String> events = SyntheticEventGenerator.history(new GeneratorConfig(3, List.of("QWE"), ImdEdition.IMD2025,
                Instant.parse("2026-03-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-05-01T00:00:00Z").toEpochMilli(),
                60, 0, 0));
        byte[] rubbish = new byte[3 * 1024 * 1024];
        new Random(17).nextBytes(rubbish);
        // 1 MiB without a newline: one line far over the limit.
        for (int i = 0; i < 1024 * 1024; i++) {
            if (rubbish[i] == '\n') {
                rubbish[i] = 'x';
            }
        }
        Path inbox = Files.createDirectory(dir.resolve("inbox"));
        int half = events.size() / 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(inbox.resolve("a.jsonl")))) {
            for (String e : events.subList(0, half)) {
                out.write((e + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(rubbish);
            out.write('\n');
            for (String e : events.subList(half, events.size())) {
                out.write((e + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        long rubbishLines = 1;
        for (byte b : rubbish) {
            rubbishLines += b == '\n' ? 1 : 0;
        }

        try (TestRedis redis = TestRedis.start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            OutpatientMetricsJob job = new OutpatientMetricsJob(JobOptions.from(new String[] {"--source", "files",
                    "--input", inbox.toString(), "--redis", redis.url(), "--emit-interval", "50"}, Map.of()));
            job.toRedis(job.build(job.source(env)), OutpatientMetricsJob.redisSink(redis.url()));
            env.execute("binary-input");

            RedisCommands<String, String> c = redis.commands();
            Map<String, String> quality = c.hgetall("core20:quality");
            assertThat(Long.parseLong(quality.get("accepted"))).as("every real event").isEqualTo(events.size());
            long rejected = quality.entrySet().stream().filter(e -> e.getKey().startsWith("rejected:"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum();
            assertThat(rejected).as("every line of the rubbish").isEqualTo(rubbishLines);
            assertThat(quality).containsKey("rejected:record:too_long").containsKey("rejected:record:encoding");
            assertThat(c.hlen("core20:deadletter")).isEqualTo(rubbishLines);
            assertThat(c.hvals("core20:deadletter")).allSatisfy(d -> assertThat(d.length()).isLessThan(20_000));
        }
    }
}
