package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a known file through the whole job on a MiniCluster at parallelism 2 into a real Redis, and
 * checks every view against counts computed here another way: plain loops over the file, with the
 * IMD deciles read straight from the reference CSV.
 */
class OutpatientMetricsJobIntegrationTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void everyViewMatchesIndependentCountsAndBadLinesAreDeadLettered() throws Exception {
        RedisCommands<String, String> redisCommands = redis.commands();
        redisCommands.flushall();

        List<String> lines = new ArrayList<>(history());
        // Repeats of real events (counted once) and malformed lines at known places.
        lines.add(lines.get(10));
        lines.add(lines.get(11));
        lines.add(lines.get(500));
        Map<Integer, String> bad = new HashMap<>();
        bad.put(lines.size() + 1, "record:json");
        lines.add("{\"event_id\":\"x1\",\"event_type\":");
        bad.put(lines.size() + 1, "icb:missing");
        lines.add(lines.get(20).replaceFirst("\"icb\":\"[A-Z0-9]+\",", ""));
        bad.put(lines.size() + 1, "specialty:code");
        lines.add(lines.get(21).replace("\"event_id\":\"", "\"event_id\":\"bad-").replaceFirst("\"specialty\":\"[0-9]+\"", "\"specialty\":\"DERM\""));
        bad.put(lines.size() + 1, "event_time:format");
        lines.add(lines.get(22).replace("\"event_id\":\"", "\"event_id\":\"bad-").replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"03/10/2026 09:20\""));
        bad.put(lines.size() + 1, "ethnicity:code");
        lines.add(lines.get(23).replace("\"event_id\":\"", "\"event_id\":\"bad-").replaceFirst(",\"ethnicity\":\"[^\"]+\"", "")
                .replaceFirst("\"icb\"", "\"ethnicity\":\"Q\",\"icb\""));
        bad.put(lines.size() + 1, "record:empty");
        lines.add("");
        // Lines that cannot be read as text at all: an otherwise valid event with bytes that are not UTF-8,
        // and one longer than the reader holds. The file gets their bytes; the independent count below
        // sees a placeholder that is not an event.
        Map<Integer, byte[]> raw = new HashMap<>();
        bad.put(lines.size() + 1, "record:encoding");
        raw.put(lines.size(), withUnknownField(lines.get(24), new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}));
        lines.add("(not UTF-8)");
        bad.put(lines.size() + 1, "record:too_long");
        byte[] padding = ("\"" + "x".repeat(EventParser.MAX_LINE_LENGTH) + "\"").getBytes(StandardCharsets.US_ASCII);
        raw.put(lines.size(), withUnknownField(lines.get(25), padding));
        lines.add("(too long)");
        lines.addAll(lines.subList(0, 3).stream().map(l -> l.replace("\"event_id\":\"", "\"event_id\":\"extra-")).toList());
        Path file = dir.resolve("events.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < lines.size(); i++) {
                out.write(raw.containsKey(i) ? raw.get(i) : lines.get(i).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        String url = redis.url();
        JobOptions options = JobOptions.from(new String[] {"--source", "files", "--input", file.toString(),
                "--redis", url, "--emit-interval", "50"}, Map.of());
        OutpatientMetricsJob job = new OutpatientMetricsJob(options);
        job.toRedis(job.build(job.source(env)), OutpatientMetricsJob.redisSink(url));
        env.execute("integration-test");

        Expected expected = Expected.count(lines);

        // Every cell of England and each ICB that the independent count expects is in Redis, and every
        // view built from it has the same numbers.
        Set<String> cellKeys = new HashSet<>();
        for (String key : redisCommands.keys("core20:cell:*")) {
            String scope = key.split(":")[3];
            if (scope.equals("*.*.*.*") || scope.matches("[A-Z0-9]{3}\\.\\*\\.\\*\\.\\*")) {
                cellKeys.add(key);
            }
        }
        assertThat(cellKeys).isEqualTo(expected.cellKeys());
        for (String key : cellKeys) {
            CellSnapshot cell = ViewJson.mapper().readValue(redisCommands.get(key), CellSnapshot.class);
            // A month stays provisional until its end plus 7 days of lateness has passed by the end of the
            // latest event's day; the file ends on 30 April 2026, so only April is still provisional.
            assertThat(cell.provisional()).as(key + " provisional").isEqualTo(cell.period().equals("2026-04"));
            ViewBuilder.Cells cells = new ViewBuilder.Cells() {
                @Override
                public CellSnapshot cell(String period, Scope scope) {
                    return period.equals(cell.period()) && scope.equals(cell.scope()) ? cell : null;
                }

                @Override
                public CellSnapshot liveWaits(Scope scope) {
                    return null;
                }
            };
            for (String metric : List.of("pifu_rate", "discharge_rate", "dna_rate")) {
                for (Breakdown breakdown : List.of(Breakdown.NONE, Breakdown.IMD_QUINTILE, Breakdown.ETHNICITY_GROUP)) {
                    View view = ViewBuilder.build(Metric.byId(metric), breakdown, cell.period(), cell.scope(), cells);
                    String what = metric + " " + cell.period() + " " + cell.scope().id() + " " + breakdown.id;
                    assertThat(view).as(what).isNotNull();
                    JsonNode json = JSON.readTree(ViewJson.write(view));
                    String scope = cell.scope().id();
                    assertCounts(what + " overall", json.get("overall"),
                            expected.get(metric, cell.period(), scope, "none", "all"));
                    for (JsonNode group : json.get("groups")) {
                        assertCounts(what + " " + group.get("group").asText(), group, expected.get(metric,
                                cell.period(), scope, breakdown.id, group.get("group").asText()));
                    }
                }
            }
        }

        Map<String, String> quality = redisCommands.hgetall("core20:quality");
        assertThat(quality.get("accepted")).isEqualTo(String.valueOf(expected.accepted));
        assertThat(quality.get("duplicate")).isEqualTo("3");
        Map<String, Long> rejectedByReason = new HashMap<>();
        bad.values().forEach(r -> rejectedByReason.merge(r, 1L, Long::sum));
        rejectedByReason.forEach((reason, n) -> assertThat(quality.get("rejected:" + reason)).as(reason).isEqualTo(String.valueOf(n)));

        Map<String, String> deadLetters = redisCommands.hgetall("core20:deadletter");
        assertThat(deadLetters).hasSize(bad.size());
        bad.forEach((lineNumber, reason) -> {
            String entry = deadLetters.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/events.jsonl#" + lineNumber)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            assertThat(entry).as("dead letter for line " + lineNumber).isNotNull().contains("\"reason\":\"" + reason + "\"");
        });
        assertThat(deadLetters.values()).as("no dead letter holds a runaway line")
                .allSatisfy(d -> assertThat(d.length()).isLessThan(DeadLetter.MAX_STORED_LINE + 1_000));
    }

    /** A valid event line's bytes with a new id and an extra field whose raw JSON value is given. */
    private static byte[] withUnknownField(String line, byte[] value) {
        byte[] head = line.replace("\"event_id\":\"", "\"event_id\":\"raw-").replaceFirst("}$", ",\"note\":")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + value.length + 1);
        System.arraycopy(value, 0, bytes, head.length, value.length);
        bytes[bytes.length - 1] = '}';
        return bytes;
    }

    private static void assertCounts(String what, JsonNode figures, long[] expected) {
        long num = expected == null ? 0 : expected[0];
        long den = expected == null ? 0 : expected[1];
        assertThat(figures.get("numerator").asLong()).as(what + " numerator").isEqualTo(num);
        assertThat(figures.get("denominator").asLong()).as(what + " denominator").isEqualTo(den);
        if (den > 0) {
            assertThat(figures.get("value").asDouble()).as(what + " value").isCloseTo(100.0 * num / den, within(1e-9));
            assertThat(figures.get("lower").asDouble()).isLessThanOrEqualTo(figures.get("value").asDouble());
            assertThat(figures.get("upper").asDouble()).isGreaterThanOrEqualTo(figures.get("value").asDouble());
        } else {
            assertThat(figures.get("value").isNull()).as(what + " value with no denominator").isTrue();
        }
    }

    private static List<String> history() {
        GeneratorConfig config = new GeneratorConfig(7, List.of("QWE", "QHL"), ImdEdition.IMD2025,
                Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-05-01T00:00:00Z").toEpochMilli(),
                150, 0, 0);
        return SyntheticEventGenerator.history(config);
    }

    /** The expected counts, by plain loops over the lines. */
    static final class Expected {
        final Map<String, long[]> counts = new HashMap<>();
        final Set<String> cells = new HashSet<>();
        long accepted;

        static Expected count(List<String> lines) throws IOException {
            Map<String, Integer> deciles = deciles();
            Expected e = new Expected();
            Set<String> seen = new HashSet<>();
            for (String line : lines) {
                JsonNode r;
                try {
                    r = JSON.readTree(line);
                } catch (IOException notJson) {
                    continue;
                }
                if (r == null || !r.isObject() || !r.has("icb") || !r.get("specialty").asText().matches("\\d{3}")
                        || !r.get("event_time").asText().endsWith("Z") || r.has("ethnicity") && r.get("ethnicity").asText().equals("Q")) {
                    continue;
                }
                if (!seen.add(r.get("event_id").asText())) {
                    continue;
                }
                e.accepted++;
                String type = r.get("event_type").asText();
                String month = Instant.parse(r.get("event_time").asText()).atZone(ZoneId.of("Europe/London"))
                        .toLocalDate().toString().substring(0, 7);
                if (type.equals("ADVICE_REQUEST") || type.equals("PIFU_RETURN")) {
                    // counted by other metrics, so their cells exist too
                    e.cells.add(month + ":*.*.*.*");
                    e.cells.add(month + ":" + r.get("icb").asText() + ".*.*.*");
                }
                if (!type.equals("ATTENDANCE")) {
                    continue;
                }
                String attendance = r.get("attendance").asText();
                boolean attended = attendance.equals("ATTENDED");
                boolean dna = attendance.equals("DNA");
                if (!attended && !dna) {
                    continue;
                }
                String outcome = attended ? r.get("outcome").asText() : "";
                String period = Instant.parse(r.get("event_time").asText()).atZone(ZoneId.of("Europe/London"))
                        .toLocalDate().toString().substring(0, 7);
                Integer decile = deciles.get(r.get("lsoa").asText());
                String quintile = decile == null ? "unknown" : String.valueOf((decile + 1) / 2);
                String ethnicity = ethnicityGroup(r.has("ethnicity") ? r.get("ethnicity").asText() : null);
                for (String scope : List.of("*.*.*.*", r.get("icb").asText() + ".*.*.*")) {
                    e.cells.add(period + ":" + scope);
                    for (String[] g : new String[][] {{"none", "all"}, {"imd_quintile", quintile}, {"ethnicity_group", ethnicity}}) {
                        e.add("pifu_rate", period, scope, g, attended && outcome.equals("PIFU"), attended);
                        e.add("discharge_rate", period, scope, g, attended && outcome.equals("DISCHARGED"), attended);
                        e.add("dna_rate", period, scope, g, dna, true);
                    }
                }
            }
            return e;
        }

        void add(String metric, String period, String scope, String[] group, boolean num, boolean den) {
            long[] c = counts.computeIfAbsent(String.join("|", metric, period, scope, group[0], group[1]), k -> new long[2]);
            c[0] += num ? 1 : 0;
            c[1] += den ? 1 : 0;
        }

        long[] get(String metric, String period, String scope, String breakdown, String group) {
            return counts.get(String.join("|", metric, period, scope, breakdown, group));
        }

        Set<String> cellKeys() {
            Set<String> keys = new HashSet<>();
            for (String cell : cells) {
                keys.add("core20:cell:" + cell);
            }
            return keys;
        }

        static String ethnicityGroup(String code) {
            if (code == null) {
                return "unknown";
            }
            if ("ABC".contains(code) && code.length() == 1) {
                return "white";
            }
            if ("DEFG".contains(code) && code.length() == 1) {
                return "mixed";
            }
            if ("HJKL".contains(code) && code.length() == 1) {
                return "asian";
            }
            if ("MNP".contains(code) && code.length() == 1) {
                return "black";
            }
            if ("RS".contains(code) && code.length() == 1) {
                return "other";
            }
            return "unknown";
        }

        static Map<String, Integer> deciles() throws IOException {
            Path csv = Path.of("../../shared/data/imd2025_lsoa21.csv");
            if (!Files.exists(csv)) {
                csv = Path.of("../src/main/resources/imd/imd2025_lsoa21.csv");
            }
            Map<String, Integer> deciles = new HashMap<>();
            for (String line : Files.readAllLines(csv)) {
                String[] cells = line.split(",");
                if (!cells[0].equals("lsoa21_code")) {
                    deciles.put(cells[0], Integer.parseInt(cells[2]));
                }
            }
            return deciles;
        }
    }
}
