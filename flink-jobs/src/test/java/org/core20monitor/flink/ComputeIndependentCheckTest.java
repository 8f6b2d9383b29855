package org.core20monitor.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.generator.GenerateEvents;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.generator.SyntheticEventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: "For a generated file of at least a year of events, an independent calculation in a test
 * agrees with {@code compute} on every metric, breakdown, scope and month."
 *
 * <p>Generates 13 months of events for one ICB with the project's generator (with its malformed and
 * repeated lines), appends hand-made edge cases, runs the {@code compute} command in-process (a local
 * Flink MiniCluster), and compares every view it writes with {@link IndependentCalculation}, which
 * shares nothing with the job but the event parser. The set of (metric, period, scope, breakdown)
 * views must be exactly the set with something counted, and every overall and group numerator and
 * denominator must be equal, values within 1e-9 and medians exactly. {@code provisional} and
 * {@code updated_at} are not checked. The views file is streamed line by line.
 */
class ComputeIndependentCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-9;
    private static final int MAX_REPORTED = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void computeAgreesWithAnIndependentCalculationOnEveryViewOfAYear() throws Exception {
        long started = System.nanoTime();
        Path events = dir.resolve("events.jsonl");
        Path views = dir.resolve("views.jsonl");
        Path rejects = dir.resolve("rejects.jsonl");
        writeEvents(events);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ComputeCommand.run(new String[] {"--input", events.toString(), "--output", views.toString(),
                "--dead-letter", rejects.toString(), "--no-disclosure-control", "--parallelism", "2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as("compute exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        long computed = System.nanoTime();

        IndependentCalculation expected = IndependentCalculation.of(events, IndependentCalculation.readImd(imdCsv()));
        assertThat(expected.valid).isGreaterThan(10_000);
        assertThat(expected.cells.keySet()).as("months with data").hasSizeGreaterThanOrEqualTo(13);

        Comparison comparison = compare(views, expected);
        long finished = System.nanoTime();

        System.out.printf("ComputeIndependentCheckTest: %,d lines (%,d valid, %,d invalid, %,d repeated ids), "
                        + "%,d pathways (%,d without a clock start), D = %s, %,d months%ncompute said: %s"
                        + "%,d views compared (%,d groups), %,d mismatches; compute %.1f s, check %.1f s, total %.1f s%n",
                expected.lines, expected.valid, expected.invalid, expected.duplicates, expected.pathways,
                expected.pathwaysWithoutStart, expected.lastDay, expected.cells.size(),
                out.toString(StandardCharsets.UTF_8), comparison.views, comparison.groups, comparison.mismatches,
                (computed - started) / 1e9, (finished - computed) / 1e9, (finished - started) / 1e9);
        if (comparison.mismatches > 0) {
            System.out.println("Mismatches by kind: " + comparison.byKind);
            System.out.println("England, overall (breakdown none):");
            comparison.england.forEach(line -> System.out.println("  " + line));
            comparison.reported.forEach(System.out::println);
        }
        assertThat(comparison.reported)
                .as("%,d mismatches between compute and the independent calculation (the first of each kind "
                        + "listed; by kind %s)", comparison.mismatches, comparison.byKind)
                .isEmpty();
        assertThat(comparison.views).isEqualTo(comparison.expectedViews);
    }

    // -------------------------------------------------------------------------------------------------
    // The input: a generated year plus hand-made edge cases

    private static void writeEvents(Path file) throws IOException {
        GeneratorConfig config = GenerateEvents.config(Map.of(
                "icbs", "QWE", "episodes", "400", "months", "13", "end", "2026-11-01T00:00:00Z",
                "seed", "3", "bad-rate", "0.002", "duplicate-rate", "0.003"));
        List<String> generated = SyntheticEventGenerator.history(config);

        // Ids of real events, to repeat with different content (the first occurrence must win).
        EventParser parser = new EventParser();
        OutpatientEvent attended = null;
        OutpatientEvent referral = null;
        for (String line : generated) {
            if (parser.parse(line) instanceof ParseResult.Valid v) {
                OutpatientEvent e = v.event();
                if (attended == null && e.type() == EventType.ATTENDANCE && e.attendance() == AttendanceStatus.ATTENDED
                        && e.outcome() != Outcome.PIFU) {
                    attended = e;
                }
                if (referral == null && e.type() == EventType.REFERRAL) {
                    referral = e;
                }
            }
        }
        assertThat(attended).isNotNull();
        assertThat(referral).isNotNull();

        List<String> edges = new ArrayList<>(List.of(
                // The newest events: D becomes 2026-11-04, so October gets a month-end snapshot and November the live one.
                "{\"event_id\":\"edge-ref-eom\",\"event_type\":\"REFERRAL\",\"event_time\":\"2026-01-31T23:59:00Z\","
                        + "\"patient_id\":\"edge-p12\",\"pathway_id\":\"edge-w-eom\",\"icb\":\"QOP\",\"provider\":\"RVR\","
                        + "\"specialty\":\"800\",\"lsoa\":\"E01000007\",\"ethnicity\":\"K\",\"sex\":\"1\",\"age\":50}",
                "{\"event_id\":\"edge-stop-now\",\"event_type\":\"CLOCK_STOP\",\"event_time\":\"2026-11-03T10:00:00Z\","
                        + "\"patient_id\":\"edge-p12\",\"pathway_id\":\"edge-w-eom\",\"icb\":\"QOP\",\"provider\":\"RVR\","
                        + "\"specialty\":\"800\",\"lsoa\":\"E01000007\",\"ethnicity\":\"K\",\"sex\":\"1\",\"age\":50}",
                "{\"event_id\":\"edge-latest\",\"event_type\":\"ADVICE_REQUEST\",\"event_time\":\"2026-11-04T10:00:00Z\","
                        + "\"patient_id\":\"edge-p13\",\"icb\":\"QWE\",\"provider\":\"RAX\",\"specialty\":\"330\","
                        + "\"lsoa\":\"E01000008\",\"ethnicity\":\"A\",\"sex\":\"2\",\"age\":33}",
                // A late attendance for an early month (November 2025), a year behind the rest.
                "{\"event_id\":\"edge-late-att\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2025-11-12T10:00:00Z\","
                        + "\"patient_id\":\"edge-p1\",\"icb\":\"QWE\",\"provider\":\"RAX\",\"specialty\":\"330\","
                        + "\"lsoa\":\"E01000001\",\"ethnicity\":\"N\",\"sex\":\"2\",\"age\":47,\"appointment\":\"FOLLOW_UP\","
                        + "\"attendance\":\"ATTENDED\",\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}",
                // A late referral (December 2025) never stopped: open at every month end since, and live.
                "{\"event_id\":\"edge-late-ref\",\"event_type\":\"REFERRAL\",\"event_time\":\"2025-12-03T09:00:00Z\","
                        + "\"patient_id\":\"edge-p2\",\"pathway_id\":\"edge-w-late\",\"icb\":\"QWE\",\"provider\":\"RJ7\","
                        + "\"specialty\":\"320\",\"lsoa\":\"E01000002\",\"ethnicity\":\"M\",\"sex\":\"1\",\"age\":70,"
                        + "\"plus_groups\":[\"HOMELESS\"]}",
                // ADVICE_REQUEST from a provider seen nowhere else, child oral health, ethnicity absent.
                "{\"event_id\":\"edge-advice\",\"event_type\":\"ADVICE_REQUEST\",\"event_time\":\"2026-03-10T11:00:00Z\","
                        + "\"patient_id\":\"edge-p3\",\"icb\":\"QWE\",\"provider\":\"RZZ\",\"specialty\":\"141\","
                        + "\"lsoa\":\"E01000003\",\"sex\":\"1\",\"age\":9}",
                // PIFU_RETURN, child mental health (711, age 15), two PLUS groups, offset time (London 2026-04-02).
                "{\"event_id\":\"edge-pifu-return\",\"event_type\":\"PIFU_RETURN\",\"event_time\":\"2026-04-02T08:30:00+01:00\","
                        + "\"patient_id\":\"edge-p4\",\"icb\":\"QWE\",\"provider\":\"RJ6\",\"specialty\":\"711\","
                        + "\"lsoa\":\"E01000006\",\"ethnicity\":\"D\",\"sex\":\"2\",\"age\":15,\"plus_groups\":[\"SMI\",\"CARER\"]}",
                // Unmapped LSOA with an imd_decile (2: Core20); a DNA whose London month is June (BST).
                "{\"event_id\":\"edge-unmapped-lsoa\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2026-05-31T23:15:00Z\","
                        + "\"patient_id\":\"edge-p5\",\"icb\":\"QWE\",\"provider\":\"RVR\",\"specialty\":\"300\","
                        + "\"lsoa\":\"E01999999\",\"imd_decile\":2,\"ethnicity\":\"99\",\"sex\":\"9\",\"age\":80,"
                        + "\"appointment\":\"FIRST\",\"attendance\":\"DNA\"}",
                // No LSOA, imd_decile 9; age 17 in 258 (child asthma); sex X; London month July.
                "{\"event_id\":\"edge-no-lsoa\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2026-06-30T23:30:00+00:00\","
                        + "\"patient_id\":\"edge-p6\",\"icb\":\"QWE\",\"provider\":\"RJ6\",\"specialty\":\"258\","
                        + "\"imd_decile\":9,\"ethnicity\":\"Z\",\"sex\":\"X\",\"age\":17,\"appointment\":\"FIRST\","
                        + "\"attendance\":\"ATTENDED\",\"medium\":\"TELEPHONE\",\"outcome\":\"FOLLOW_UP\"}",
                // A mapped LSOA (decile 10) wins over a conflicting imd_decile; maternity.
                "{\"event_id\":\"edge-lsoa-wins\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2026-02-14T12:00:00Z\","
                        + "\"patient_id\":\"edge-p7\",\"icb\":\"QWE\",\"provider\":\"RAX\",\"specialty\":\"501\","
                        + "\"lsoa\":\"E01000002\",\"imd_decile\":1,\"ethnicity\":\"P\",\"sex\":\"2\",\"age\":30,"
                        + "\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\",\"medium\":\"FACE_TO_FACE\","
                        + "\"outcome\":\"DISCHARGED\"}",
                // Unmapped LSOA without a decile, no age (so 711 is SMI, not CYP), no sex, no ethnicity.
                "{\"event_id\":\"edge-unknowns\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2026-02-20T12:00:00Z\","
                        + "\"patient_id\":\"edge-p8\",\"icb\":\"QWE\",\"provider\":\"RJ7\",\"specialty\":\"711\","
                        + "\"lsoa\":\"E01999998\",\"appointment\":\"FIRST\",\"attendance\":\"ATTENDED\","
                        + "\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}",
                // Age < 18 in 711: child mental health only; three PLUS groups.
                "{\"event_id\":\"edge-cyp-mh\",\"event_type\":\"ATTENDANCE\",\"event_time\":\"2026-02-21T09:00:00Z\","
                        + "\"patient_id\":\"edge-p9\",\"icb\":\"QWE\",\"provider\":\"RJ7\",\"specialty\":\"711\","
                        + "\"lsoa\":\"E01000005\",\"ethnicity\":\"G\",\"sex\":\"1\",\"age\":12,\"appointment\":\"FIRST\","
                        + "\"attendance\":\"ATTENDED\",\"medium\":\"TELEPHONE\",\"outcome\":\"DISCHARGED\","
                        + "\"plus_groups\":[\"LEARNING_DISABILITY\",\"TRAVELLER\",\"REFUGEE\"]}",
                // A clock stop with no referral, carrying its clock start as a date; maternity.
                "{\"event_id\":\"edge-stop-only\",\"event_type\":\"CLOCK_STOP\",\"event_time\":\"2026-02-10T10:00:00Z\","
                        + "\"patient_id\":\"edge-p10\",\"pathway_id\":\"edge-w-stop-only\",\"icb\":\"QWE\",\"provider\":\"RAX\","
                        + "\"specialty\":\"501\",\"lsoa\":\"E01000005\",\"ethnicity\":\"B\",\"sex\":\"2\",\"age\":30,"
                        + "\"clock_start\":\"2025-11-20\"}",
                // A removal with no referral, clock start as an instant whose London date is the next day (BST).
                "{\"event_id\":\"edge-removal-only\",\"event_type\":\"WAITLIST_REMOVAL\",\"event_time\":\"2026-09-15T10:00:00Z\","
                        + "\"patient_id\":\"edge-p11\",\"pathway_id\":\"edge-w-removal-only\",\"icb\":\"QWE\","
                        + "\"provider\":\"RJ6\",\"specialty\":\"340\",\"lsoa\":\"E01000003\",\"ethnicity\":\"L\","
                        + "\"sex\":\"1\",\"age\":55,\"plus_groups\":[\"CARER\"],\"clock_start\":\"2026-06-30T23:30:00Z\"}",
                // A completed pathway whose referral arrives after its clock stop.
                "{\"event_id\":\"edge-ooo-stop\",\"event_type\":\"CLOCK_STOP\",\"event_time\":\"2026-04-20T09:00:00Z\","
                        + "\"patient_id\":\"edge-p14\",\"pathway_id\":\"edge-w-ooo\",\"icb\":\"QWE\",\"provider\":\"RJ6\","
                        + "\"specialty\":\"370\",\"lsoa\":\"E01000006\",\"ethnicity\":\"S\",\"sex\":\"2\",\"age\":66}",
                "{\"event_id\":\"edge-ooo-ref\",\"event_type\":\"REFERRAL\",\"event_time\":\"2026-01-15T09:00:00Z\","
                        + "\"patient_id\":\"edge-p14\",\"pathway_id\":\"edge-w-ooo\",\"icb\":\"QWE\",\"provider\":\"RJ6\","
                        + "\"specialty\":\"370\",\"lsoa\":\"E01000006\",\"ethnicity\":\"S\",\"sex\":\"2\",\"age\":66}",
                // Repeated ids with different content: ignored (the first occurrence wins).
                "{\"event_id\":\"" + attended.eventId() + "\",\"event_type\":\"ATTENDANCE\","
                        + "\"event_time\":\"2026-03-03T10:00:00Z\",\"patient_id\":\"edge-p15\",\"icb\":\"QWE\","
                        + "\"provider\":\"RZZ\",\"specialty\":\"330\",\"lsoa\":\"E01000001\",\"ethnicity\":\"A\","
                        + "\"sex\":\"1\",\"age\":40,\"appointment\":\"FOLLOW_UP\",\"attendance\":\"ATTENDED\","
                        + "\"medium\":\"VIDEO\",\"outcome\":\"PIFU\"}",
                "{\"event_id\":\"" + referral.eventId() + "\",\"event_type\":\"REFERRAL\","
                        + "\"event_time\":\"2026-05-05T10:00:00Z\",\"patient_id\":\"edge-p16\",\"pathway_id\":\"edge-w-dup\","
                        + "\"icb\":\"QWE\",\"provider\":\"RZZ\",\"specialty\":\"320\",\"lsoa\":\"E01000001\",\"age\":60}",
                // Invalid: an unknown ethnicity code, an unconfigured PLUS group.
                "{\"event_id\":\"edge-bad-1\",\"event_type\":\"ADVICE_REQUEST\",\"event_time\":\"2026-03-10T11:00:00Z\","
                        + "\"patient_id\":\"edge-p17\",\"icb\":\"QWE\",\"provider\":\"RAX\",\"specialty\":\"330\",\"ethnicity\":\"Q\"}",
                "{\"event_id\":\"edge-bad-2\",\"event_type\":\"ADVICE_REQUEST\",\"event_time\":\"2026-03-10T11:00:00Z\","
                        + "\"patient_id\":\"edge-p18\",\"icb\":\"QWE\",\"provider\":\"RAX\",\"specialty\":\"330\","
                        + "\"plus_groups\":[\"NOT_A_GROUP\"]}"));

        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : generated) {
                writer.write(line);
                writer.newLine();
            }
            for (String line : edges) {
                writer.write(line);
                writer.newLine();
            }
        }
        // Every hand-made line but the two invalid ones must be valid, or the test checks less than it says.
        for (String line : edges) {
            boolean valid = parser.parse(line) instanceof ParseResult.Valid;
            assertThat(valid).as("validity of %s", line).isEqualTo(!line.contains("edge-bad-"));
        }
    }

    private static Path imdCsv() {
        Path shared = Path.of("/work/shared/data/imd2025_lsoa21.csv");
        if (Files.isRegularFile(shared)) {
            return shared;
        }
        Path module = Path.of("../src/main/resources/imd/imd2025_lsoa21.csv");
        if (Files.isRegularFile(module)) {
            return module;
        }
        return Path.of("src/main/resources/imd/imd2025_lsoa21.csv");
    }

    // -------------------------------------------------------------------------------------------------
    // The comparison, one streamed view at a time

    private static final class Comparison {
        long views;
        long groups;
        long expectedViews;
        long mismatches;
        final List<String> reported = new ArrayList<>();
        final Map<String, Integer> byKind = new TreeMap<>();
        /** The mismatches of England's overall figures (breakdown none), all of them: the headline. */
        final List<String> england = new ArrayList<>();

        /** Counts every mismatch by kind, and lists the first few of each kind. */
        void mismatch(String kind, String detail) {
            mismatches++;
            int n = byKind.merge(kind, 1, Integer::sum);
            if (n <= 2 && reported.size() < MAX_REPORTED) {
                reported.add(kind + ": " + detail);
            }
        }
    }

    private static Comparison compare(Path views, IndependentCalculation expected) throws IOException {
        Comparison c = new Comparison();
        Set<String> seen = new HashSet<>(400_000);
        List<String> metrics = IndependentCalculation.allMetrics();
        try (BufferedReader reader = Files.newBufferedReader(views, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode view = JSON.readTree(line);
                c.views++;
                String metric = view.path("metric").asText();
                String period = view.path("period").asText();
                JsonNode s = view.path("scope");
                String scope = IndependentCalculation.scopeKey(text(s, "icb"), text(s, "provider"), text(s, "specialty"),
                        text(s, "area"));
                String breakdown = view.path("breakdown").asText();
                String id = metric + " " + period + " " + scope + " " + breakdown;
                if (!seen.add(id)) {
                    c.mismatch("duplicate view", id);
                    continue;
                }
                if (!metrics.contains(metric) || !IndependentCalculation.BREAKDOWNS.containsKey(breakdown)) {
                    c.mismatch("unknown metric or breakdown", id);
                    continue;
                }
                IndependentCalculation.Cell cell = expected.cellOrNull(period, scope);
                IndependentCalculation.Expected overall = IndependentCalculation.expected(metric, cell, "");
                if (!overall.nonZero()) {
                    c.mismatch("view not expected (nothing counted)", id + " actual overall " + numbers(view.path("overall")));
                    continue;
                }
                compareGroup(c, id, "overall", overall, view.path("overall"));
                if (IndependentCalculation.SNAPSHOT_METRICS.contains(metric)) {
                    LocalDate asOf = expected.snapshotDates.get(period);
                    String actual = view.path("as_of").isMissingNode() || view.path("as_of").isNull()
                            ? null : view.path("as_of").asText();
                    if (!String.valueOf(asOf).equals(actual)) {
                        c.mismatch("snapshot date", id + " expected as_of " + asOf + " actual " + actual);
                    }
                }
                List<String> keys = IndependentCalculation.BREAKDOWNS.get(breakdown);
                Set<String> present = new HashSet<>();
                for (JsonNode group : view.path("groups")) {
                    c.groups++;
                    String key = group.path("group").asText();
                    if (!keys.contains(key) || !present.add(key)) {
                        c.mismatch("unknown or repeated group", id + " group " + key);
                        continue;
                    }
                    compareGroup(c, id, key, IndependentCalculation.expected(metric, cell, breakdown + "=" + key), group);
                }
                for (String key : keys) {
                    if (!present.contains(key)
                            && IndependentCalculation.expected(metric, cell, breakdown + "=" + key).nonZero()) {
                        c.mismatch("group missing", id + " group " + key + " expected "
                                + IndependentCalculation.expected(metric, cell, breakdown + "=" + key));
                    }
                }
            }
        }
        // Every view with something counted must have been written.
        for (Map.Entry<String, Map<String, IndependentCalculation.Cell>> period : expected.cells.entrySet()) {
            for (Map.Entry<String, IndependentCalculation.Cell> scope : period.getValue().entrySet()) {
                for (String metric : metrics) {
                    IndependentCalculation.Expected overall = IndependentCalculation.expected(metric, scope.getValue(), "");
                    if (!overall.nonZero()) {
                        continue;
                    }
                    for (String breakdown : IndependentCalculation.BREAKDOWNS.keySet()) {
                        c.expectedViews++;
                        String id = metric + " " + period.getKey() + " " + scope.getKey() + " " + breakdown;
                        if (!seen.contains(id)) {
                            c.mismatch("view missing", id + " expected overall " + overall);
                        }
                    }
                }
            }
        }
        return c;
    }

    private static void compareGroup(Comparison c, String id, String group, IndependentCalculation.Expected expected,
                                     JsonNode actual) {
        Long numerator = number(actual.path("numerator"));
        Long denominator = number(actual.path("denominator"));
        JsonNode v = actual.path("value");
        Double value = v.isNumber() ? v.asDouble() : null;
        boolean same = numerator != null && numerator == expected.numerator()
                && java.util.Objects.equals(denominator, expected.denominator());
        boolean sameValue;
        if (expected.value() == null || value == null) {
            sameValue = expected.value() == null && value == null;
        } else if (expected.median()) {
            sameValue = expected.value().doubleValue() == value.doubleValue();
        } else {
            sameValue = Math.abs(expected.value() - value) <= TOLERANCE;
        }
        if ((!same || !sameValue) && id.endsWith(" -/-/-/- none")) {
            c.england.add(id + ": expected " + expected + ", actual " + numbers(actual));
        }
        if (!same) {
            c.mismatch("counts " + id.substring(0, id.indexOf(' ')),
                    id + " group " + group + " expected " + expected + " actual " + numbers(actual));
        } else if (!sameValue) {
            c.mismatch("value " + id.substring(0, id.indexOf(' ')),
                    id + " group " + group + " expected " + expected + " actual " + numbers(actual));
        }
    }

    private static Long number(JsonNode node) {
        return node.isIntegralNumber() ? Long.valueOf(node.asLong()) : null;
    }

    private static String numbers(JsonNode group) {
        return "num=" + group.path("numerator") + " den=" + group.path("denominator") + " value=" + group.path("value");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
