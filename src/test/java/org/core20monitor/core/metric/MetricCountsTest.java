package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.reference.EthnicityGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts by metric and breakdown, against counts made here with plain loops over random events. */
class MetricCountsTest {

    private static final String[] ETHNICITY = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P",
            "R", "S", "Z", "99", null};
    /** SPEC §4/§8 ethnicity group key of each code; null (absent) is unknown. */
    private static final Map<String, String> ETHNICITY_KEY = Map.ofEntries(
            Map.entry("A", "white"), Map.entry("B", "white"), Map.entry("C", "white"),
            Map.entry("D", "mixed"), Map.entry("E", "mixed"), Map.entry("F", "mixed"), Map.entry("G", "mixed"),
            Map.entry("H", "asian"), Map.entry("J", "asian"), Map.entry("K", "asian"), Map.entry("L", "asian"),
            Map.entry("M", "black"), Map.entry("N", "black"), Map.entry("P", "black"),
            Map.entry("R", "other"), Map.entry("S", "other"),
            Map.entry("Z", "unknown"), Map.entry("99", "unknown"));

    private static List<OutpatientEvent> events;
    private static MetricCounts counts;
    private static int countedByAdd;

    @BeforeAll
    static void randomEvents() {
        Random random = new Random(20_261_124L);
        events = new ArrayList<>();
        EventType[] types = EventType.values();
        AttendanceStatus[] statuses = AttendanceStatus.values();
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < 5_000; i++) {
            EventType type = random.nextInt(10) < 7 ? EventType.ATTENDANCE : types[random.nextInt(types.length)];
            AttendanceStatus status = null;
            Outcome outcome = null;
            if (type == EventType.ATTENDANCE) {
                status = statuses[random.nextInt(10) < 7 ? 0 : random.nextInt(statuses.length)];
                // attended events always have an outcome; others sometimes carry one anyway
                if (status == AttendanceStatus.ATTENDED || random.nextInt(4) == 0) {
                    outcome = outcomes[random.nextInt(outcomes.length)];
                }
            }
            Integer decile = random.nextInt(12) == 0 ? null : 1 + random.nextInt(10);
            String ethnicity = ETHNICITY[random.nextInt(ETHNICITY.length)];
            events.add(TestEvents.event(type, status, outcome, decile, ethnicity));
        }
        counts = new MetricCounts();
        countedByAdd = 0;
        for (OutpatientEvent e : events) {
            if (counts.add(e, TestEvents.profile(e))) {
                countedByAdd++;
            }
        }
    }

    // ---------------------------------------------------------------- the definitions of SPEC §5

    static boolean attended(OutpatientEvent e) {
        return e.type() == EventType.ATTENDANCE && e.attendance() == AttendanceStatus.ATTENDED;
    }

    static boolean dna(OutpatientEvent e) {
        return e.type() == EventType.ATTENDANCE && e.attendance() == AttendanceStatus.DNA;
    }

    static boolean inNumerator(Metric m, OutpatientEvent e) {
        return switch (m) {
            case PIFU_RATE -> attended(e) && e.outcome() == Outcome.PIFU;
            case DISCHARGE_RATE -> attended(e) && e.outcome() == Outcome.DISCHARGED;
            case DNA_RATE -> dna(e);
        };
    }

    static boolean inDenominator(Metric m, OutpatientEvent e) {
        return switch (m) {
            case PIFU_RATE, DISCHARGE_RATE -> attended(e);
            case DNA_RATE -> attended(e) || dna(e);
        };
    }

    /** The group slot, from SPEC §4/§8 rather than from Breakdown.slot. */
    static int expectedSlot(Breakdown b, OutpatientEvent e) {
        return switch (b) {
            case NONE -> 0;
            case IMD_QUINTILE -> e.imdDecile() == null ? 5 : (int) Math.ceil(e.imdDecile() / 2.0) - 1;
            case ETHNICITY_GROUP -> b.groups.indexOf(e.ethnicity() == null ? "unknown" : ETHNICITY_KEY.get(e.ethnicity()));
        };
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theRandomEventsCoverEveryCase() {
        long pifu = events.stream().filter(e -> inNumerator(Metric.PIFU_RATE, e)).count();
        long dnaWithOutcome = events.stream().filter(e -> dna(e) && e.outcome() != null).count();
        long cancelled = events.stream().filter(e -> e.attendance() != null && !attended(e) && !dna(e)).count();
        long unknownDecile = events.stream().filter(e -> e.imdDecile() == null).count();
        assertThat(pifu).isGreaterThan(100);
        assertThat(dnaWithOutcome).isGreaterThan(10);
        assertThat(cancelled).isGreaterThan(100);
        assertThat(unknownDecile).isGreaterThan(100);
    }

    @Test
    void countsMatchPlainLoopsForEveryMetricBreakdownAndGroup() {
        for (Metric m : Metric.values()) {
            for (Breakdown b : Breakdown.values()) {
                long[] num = new long[b.slots()];
                long[] den = new long[b.slots()];
                for (OutpatientEvent e : events) {
                    int slot = expectedSlot(b, e);
                    if (inNumerator(m, e)) {
                        num[slot]++;
                    }
                    if (inDenominator(m, e)) {
                        den[slot]++;
                    }
                }
                for (int slot = 0; slot < b.slots(); slot++) {
                    assertThat(counts.numerator(m, b, slot)).as("%s %s slot %d numerator", m, b, slot)
                            .isEqualTo(num[slot]);
                    assertThat(counts.denominator(m, b, slot)).as("%s %s slot %d denominator", m, b, slot)
                            .isEqualTo(den[slot]);
                    assertThat(den[slot]).as("%s %s slot %d has data", m, b, slot).isPositive();
                }
            }
        }
    }

    @Test
    void overallIsTheSumOfTheGroups() {
        for (Metric m : Metric.values()) {
            long overallNum = events.stream().filter(e -> inNumerator(m, e)).count();
            long overallDen = events.stream().filter(e -> inDenominator(m, e)).count();
            assertThat(counts.overallNumerator(m)).isEqualTo(overallNum);
            assertThat(counts.overallDenominator(m)).isEqualTo(overallDen);
            for (Breakdown b : List.of(Breakdown.IMD_QUINTILE, Breakdown.ETHNICITY_GROUP)) {
                long num = 0;
                long den = 0;
                for (int slot = 0; slot < b.slots(); slot++) {
                    num += counts.numerator(m, b, slot);
                    den += counts.denominator(m, b, slot);
                }
                assertThat(num).isEqualTo(overallNum);
                assertThat(den).isEqualTo(overallDen);
            }
        }
    }

    @Test
    void addReportsWhetherTheEventCountsTowardsAnyMetric() {
        long expected = events.stream().filter(e -> attended(e) || dna(e)).count();
        assertThat(countedByAdd).isEqualTo(expected);

        MetricCounts fresh = new MetricCounts();
        OutpatientEvent referral = TestEvents.event(EventType.REFERRAL, null, null, 3, "A");
        OutpatientEvent cancelled = TestEvents.event(EventType.ATTENDANCE, AttendanceStatus.CANCELLED_BY_PROVIDER,
                null, 3, "A");
        assertThat(fresh.add(referral, TestEvents.profile(referral))).isFalse();
        assertThat(fresh.add(cancelled, TestEvents.profile(cancelled))).isFalse();
        assertThat(fresh).isEqualTo(new MetricCounts());
        OutpatientEvent seen = TestEvents.attended(Outcome.PIFU, 3, "A");
        assertThat(fresh.add(seen, TestEvents.profile(seen))).isTrue();
        assertThat(fresh).isNotEqualTo(new MetricCounts());
    }

    @Test
    void slotsFollowQuintileAndEthnicityGroupOrdinal() {
        for (int d = 1; d <= 10; d++) {
            EventProfile p = new EventProfile(d, null, null, null);
            assertThat(Breakdown.IMD_QUINTILE.slot(p)).as("decile %d", d).isEqualTo((d + 1) / 2 - 1)
                    .isEqualTo((int) Math.ceil(d / 2.0) - 1);
        }
        assertThat(Breakdown.IMD_QUINTILE.slot(new EventProfile(null, null, null, null))).isEqualTo(5);
        for (String code : ETHNICITY) {
            EventProfile p = new EventProfile(null, code, null, null);
            assertThat(Breakdown.ETHNICITY_GROUP.slot(p)).as("ethnicity %s", code)
                    .isEqualTo(EthnicityGroup.of(code).ordinal())
                    .isEqualTo(Breakdown.ETHNICITY_GROUP.groups.indexOf(code == null ? "unknown" : ETHNICITY_KEY.get(code)));
        }
        assertThat(Breakdown.NONE.slot(new EventProfile(4, "A", "1", 30))).isZero();
    }

    @Test
    void theProfileNotTheEventDecidesTheGroup() {
        // enrichment may resolve a decile from the LSOA that the event itself does not carry
        MetricCounts c = new MetricCounts();
        OutpatientEvent e = TestEvents.attended(Outcome.PIFU, null, null);
        c.add(e, new EventProfile(10, "N", "2", 47));
        assertThat(c.numerator(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, 4)).isEqualTo(1);
        assertThat(c.numerator(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, 5)).isZero();
        assertThat(c.numerator(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, EthnicityGroup.BLACK.ordinal()))
                .isEqualTo(1);
    }

    @Test
    void orderOfAddingDoesNotMatter() {
        List<OutpatientEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        MetricCounts other = new MetricCounts();
        for (OutpatientEvent e : shuffled) {
            other.add(e, TestEvents.profile(e));
        }
        assertThat(other).isEqualTo(counts);
        assertThat(other.hashCode()).isEqualTo(counts.hashCode());
    }

    @Test
    void breakdownsHaveTheGroupKeysOfTheSpec() {
        assertThat(Breakdown.NONE.id).isEqualTo("none");
        assertThat(Breakdown.NONE.groups).isEmpty();
        assertThat(Breakdown.NONE.slots()).isEqualTo(1);
        assertThat(Breakdown.IMD_QUINTILE.id).isEqualTo("imd_quintile");
        assertThat(Breakdown.IMD_QUINTILE.groups).containsExactly("1", "2", "3", "4", "5", "unknown");
        assertThat(Breakdown.IMD_QUINTILE.labels).hasSize(6);
        assertThat(Breakdown.ETHNICITY_GROUP.id).isEqualTo("ethnicity_group");
        assertThat(Breakdown.ETHNICITY_GROUP.groups)
                .containsExactly("white", "mixed", "asian", "black", "other", "unknown");
        for (Breakdown b : Breakdown.values()) {
            assertThat(Breakdown.byId(b.id)).isEqualTo(b);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Breakdown.byId("imd_sextile"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
