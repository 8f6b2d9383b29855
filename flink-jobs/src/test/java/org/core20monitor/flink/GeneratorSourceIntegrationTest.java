package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.generator.GenerateEvents;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generator feeding the job directly: every generated line is accounted for in Redis. */
class GeneratorSourceIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aBoundedHistoryFromTheGeneratorIsCountedExactly() throws Exception {
        String[] args = {"--source", "generator", "--live", "false", "--icbs", "QWE,QOP", "--episodes", "120",
                "--months", "3", "--end", "2026-10-01T00:00:00Z", "--seed", "5", "--bad-rate", "0.01",
                "--duplicate-rate", "0.01", "--emit-interval", "50"};
        try (TestRedis redis = TestRedis.start()) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            JobOptions options = JobOptions.from(concat(args, "--redis", redis.url()), Map.of());
            OutpatientMetricsJob job = new OutpatientMetricsJob(options);
            job.toRedis(job.build(job.source(env)), OutpatientMetricsJob.redisSink(redis.url()));
            env.execute("generator-test");

            // The same history, read straight from the generator.
            GeneratorConfig config = GenerateEvents.config(Map.of("icbs", "QWE,QOP", "episodes", "120", "months", "3",
                    "end", "2026-10-01T00:00:00Z", "seed", "5", "bad-rate", "0.01", "duplicate-rate", "0.01"));
            SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
            EventParser parser = new EventParser();
            Set<String> ids = new HashSet<>();
            Set<String> periodsWithAttendances = new HashSet<>();
            long accepted = 0;
            long duplicates = 0;
            long rejected = 0;
            for (SyntheticEventGenerator.Line line; (line = generator.nextHistory()) != null; ) {
                if (parser.parse(line.json()) instanceof ParseResult.Valid valid) {
                    if (ids.add(valid.event().eventId())) {
                        accepted++;
                        OutpatientEvent e = valid.event();
                        // Months with something counted: events of the event metrics, or referrals (open at
                        // the end of their month, so on that month's waiting list).
                        if (e.attended() || e.attendance() == AttendanceStatus.DNA || e.type() == EventType.REFERRAL
                                || e.type() == EventType.ADVICE_REQUEST || e.type() == EventType.PIFU_RETURN) {
                            periodsWithAttendances.add(Periods.monthOf(e.eventTimeMillis()));
                        }
                    } else {
                        duplicates++;
                    }
                } else {
                    rejected++;
                }
            }
            assertThat(accepted).isGreaterThan(1000);
            assertThat(rejected).isPositive();
            assertThat(duplicates).isPositive();

            RedisCommands<String, String> c = redis.commands();
            Map<String, String> quality = c.hgetall("core20:quality");
            assertThat(quality.get("accepted")).isEqualTo(String.valueOf(accepted));
            assertThat(quality.get("duplicate")).isEqualTo(String.valueOf(duplicates));
            long rejectedInRedis = quality.entrySet().stream().filter(e -> e.getKey().startsWith("rejected:"))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum();
            assertThat(rejectedInRedis).isEqualTo(rejected);
            assertThat(c.hlen("core20:deadletter")).isEqualTo(rejected);
            assertThat(c.smembers("core20:periods")).isEqualTo(periodsWithAttendances)
                    .contains("2026-07", "2026-08", "2026-09");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
