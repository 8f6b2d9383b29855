package org.core20monitor.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic feed: reproducible, ordered, valid against the contract, with its built-in inequalities. */
class SyntheticEventGeneratorTest {

    private static final long START = Instant.parse("2025-10-01T00:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();

    private static ImdLookup imd2025;
    private static List<SyntheticEventGenerator.Line> history;

    static GeneratorConfig config(long seed, double badRate, double duplicateRate) {
        return new GeneratorConfig(seed, List.of("QWE"), ImdEdition.IMD2025, START, END, 300, badRate, duplicateRate);
    }

    static List<SyntheticEventGenerator.Line> generate(GeneratorConfig config) {
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        List<SyntheticEventGenerator.Line> lines = new ArrayList<>();
        for (SyntheticEventGenerator.Line line; (line = generator.nextHistory()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    @BeforeAll
    static void generateHistory() {
        imd2025 = ImdLookup.load(ImdEdition.IMD2025);
        history = generate(config(42, 0, 0));
    }

    private static List<OutpatientEvent> parseAll(List<SyntheticEventGenerator.Line> lines) {
        EventParser parser = new EventParser();
        List<OutpatientEvent> events = new ArrayList<>(lines.size());
        for (SyntheticEventGenerator.Line line : lines) {
            ParseResult r = parser.parse(line.json());
            assertThat(r).as("parse of %s", line.json()).isInstanceOf(ParseResult.Valid.class);
            events.add(((ParseResult.Valid) r).event());
        }
        return events;
    }

    @Test
    void aYearOfOneIcbIsSubstantial() {
        // 12 months × 300 episodes, each several events
        assertThat(history.size()).isBetween(8_000, 60_000);
    }

    @Test
    void sameSeedGivesTheSameHistory() {
        List<SyntheticEventGenerator.Line> again = generate(config(42, 0, 0));
        assertThat(again).hasSameSizeAs(history);
        for (int i = 0; i < history.size(); i++) {
            assertThat(again.get(i).json()).isEqualTo(history.get(i).json());
            assertThat(again.get(i).timeMillis()).isEqualTo(history.get(i).timeMillis());
        }
    }

    @Test
    void anotherSeedGivesAnotherHistory() {
        List<SyntheticEventGenerator.Line> other = generate(config(43, 0, 0));
        Set<String> mine = new HashSet<>();
        history.forEach(l -> mine.add(l.json()));
        long shared = other.stream().filter(l -> mine.contains(l.json())).count();
        assertThat(shared).isZero();
    }

    private static String typeOf(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"event_type\":\"([A-Z_]+)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    /** The class promises "JSON Lines, in event-time order" (SyntheticEventGenerator javadoc). */
    @Test
    void linesComeInEventTimeOrder() {
        List<String> outOfOrder = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).timeMillis() < history.get(i - 1).timeMillis()) {
                outOfOrder.add("line " + i + " (" + typeOf(history.get(i).json()) + "): "
                        + Instant.ofEpochMilli(history.get(i).timeMillis()) + " after "
                        + Instant.ofEpochMilli(history.get(i - 1).timeMillis()));
            }
        }
        assertThat(outOfOrder.size()).as("lines earlier than the line before them, e.g. %s",
                outOfOrder.subList(0, Math.min(3, outOfOrder.size()))).isZero();
    }

    @Test
    void parsedEventTimesAreInOrderAndMatchTheLines() {
        List<OutpatientEvent> events = parseAll(history);
        int decreases = 0;
        for (int i = 0; i < events.size(); i++) {
            long t = events.get(i).eventTimeMillis();
            long line = history.get(i).timeMillis();
            // the JSON carries whole seconds
            assertThat(t).isEqualTo(line - Math.floorMod(line, 1000L));
            if (i > 0 && t < events.get(i - 1).eventTimeMillis()) {
                decreases++;
            }
        }
        assertThat(decreases).as("event_time decreases from one line to the next").isZero();
    }

    @Test
    void noEventIsAfterTheEndOfTheHistory() {
        assertThat(history).allSatisfy(l -> assertThat(l.timeMillis()).isLessThanOrEqualTo(END));
        assertThat(parseAll(history)).allSatisfy(e -> assertThat(e.eventTimeMillis()).isLessThanOrEqualTo(END));
    }

    @Test
    void everyLineIsValidWithAKnownLsoaAndAUniqueId() {
        List<OutpatientEvent> events = parseAll(history);
        Set<String> ids = new HashSet<>();
        for (OutpatientEvent e : events) {
            assertThat(ids.add(e.eventId())).as("event id %s is unique", e.eventId()).isTrue();
            assertThat(e.icb()).isEqualTo("QWE");
            assertThat(e.lsoa()).isNotNull();
            assertThat(imd2025.decile(e.lsoa())).as("IMD2025 decile of %s", e.lsoa()).isNotNull();
        }
        assertThat(ids).hasSize(history.size());
    }

    @Test
    void theHistoryHasEveryKindOfEvent() {
        Map<EventType, Integer> byType = new HashMap<>();
        for (OutpatientEvent e : parseAll(history)) {
            byType.merge(e.type(), 1, Integer::sum);
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void pathwayEventsLinkToAReferral() {
        Set<String> referred = new HashSet<>();
        int closings = 0;
        for (OutpatientEvent e : parseAll(history)) {
            if (e.type() == EventType.REFERRAL) {
                assertThat(referred.add(e.pathwayId())).as("one referral per pathway %s", e.pathwayId()).isTrue();
            } else if (e.type() == EventType.CLOCK_STOP || e.type() == EventType.WAITLIST_REMOVAL) {
                closings++;
                assertThat(referred).as("pathway %s referred before it closes", e.pathwayId())
                        .contains(e.pathwayId());
            }
        }
        assertThat(closings).isPositive();
    }

    @Test
    void badLinesAreRejectedAndTheRestAreValid() {
        List<SyntheticEventGenerator.Line> lines = generate(config(42, 0.05, 0));
        EventParser parser = new EventParser();
        int invalid = 0;
        Set<String> reasons = new HashSet<>();
        for (SyntheticEventGenerator.Line line : lines) {
            ParseResult r = parser.parse(line.json());
            if (r instanceof ParseResult.Invalid bad) {
                invalid++;
                reasons.add(bad.rejection().reason());
            } else {
                OutpatientEvent e = ((ParseResult.Valid) r).event();
                assertThat(imd2025.decile(e.lsoa())).isNotNull();
            }
        }
        double share = (double) invalid / lines.size();
        assertThat(share).as("share of rejected lines").isBetween(0.035, 0.065);
        assertThat(reasons).isSubsetOf("record:json", "icb:missing", "specialty:code", "event_time:format");
        assertThat(reasons).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void duplicatesRepeatTheSameLine() {
        List<SyntheticEventGenerator.Line> lines = generate(config(42, 0, 0.05));
        Map<String, String> byId = new HashMap<>();
        int repeats = 0;
        for (OutpatientEvent e : parseAll(lines)) {
            String key = e.toString();
            String before = byId.putIfAbsent(e.eventId(), key);
            if (before != null) {
                repeats++;
                assertThat(key).as("a repeated id %s is the same record", e.eventId()).isEqualTo(before);
            }
        }
        assertThat((double) repeats / lines.size()).isBetween(0.03, 0.07);
    }

    @Test
    void liveLinesAfterTheHistoryAreValid() {
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config(42, 0, 0));
        while (generator.nextHistory() != null) {
            // drain
        }
        EventParser parser = new EventParser();
        long now = END + 3_600_000L;
        for (int i = 0; i < 200; i++) {
            SyntheticEventGenerator.Line line = generator.nextLive(now);
            assertThat(line.timeMillis()).isLessThanOrEqualTo(now);
            assertThat(parser.parse(line.json())).isInstanceOf(ParseResult.Valid.class);
        }
    }

    @Test
    void unknownIcbIsRejected() {
        assertThatThrownBy(() -> new GeneratorConfig(1, List.of("ZZZ"), ImdEdition.IMD2025, START, END, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorConfig(1, List.of(), ImdEdition.IMD2025, START, END, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorConfig(1, List.of("QWE"), ImdEdition.IMD2025, END, START, 10, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMostDeprivedGetLessPifuAndMissMoreAppointments() {
        long start = Instant.parse("2024-10-01T00:00:00Z").toEpochMilli();
        GeneratorConfig config = new GeneratorConfig(2026, List.of("QOP"), ImdEdition.IMD2025, start, END, 2_000, 0, 0);
        SyntheticEventGenerator generator = new SyntheticEventGenerator(config);
        EventParser parser = new EventParser();
        long[] attended = new long[6];
        long[] pifu = new long[6];
        long[] dna = new long[6];
        for (SyntheticEventGenerator.Line line; (line = generator.nextHistory()) != null; ) {
            OutpatientEvent e = ((ParseResult.Valid) parser.parse(line.json())).event();
            if (e.type() != EventType.ATTENDANCE) {
                continue;
            }
            int quintile = (int) Math.ceil(imd2025.decile(e.lsoa()) / 2.0);
            if (e.attendance() == AttendanceStatus.ATTENDED) {
                attended[quintile]++;
                if (e.outcome() == Outcome.PIFU) {
                    pifu[quintile]++;
                }
            } else if (e.attendance() == AttendanceStatus.DNA) {
                dna[quintile]++;
            }
        }
        assertThat(attended[1]).isGreaterThan(5_000);
        assertThat(attended[5]).isGreaterThan(5_000);
        double pifu1 = (double) pifu[1] / attended[1];
        double pifu5 = (double) pifu[5] / attended[5];
        double dna1 = (double) dna[1] / (attended[1] + dna[1]);
        double dna5 = (double) dna[5] / (attended[5] + dna[5]);
        assertThat(pifu1).as("PIFU rate in quintile 1 (%.4f) below quintile 5 (%.4f)", pifu1, pifu5)
                .isLessThan(pifu5 * 0.85);
        assertThat(dna1).as("DNA rate in quintile 1 (%.4f) above quintile 5 (%.4f)", dna1, dna5)
                .isGreaterThan(dna5 * 1.5);
    }
}
