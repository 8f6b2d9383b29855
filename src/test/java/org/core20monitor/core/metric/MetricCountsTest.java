package org.core20monitor.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
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

    private static final String[] SEX = {"1", "2", "9", "X", null};
    private static final Integer[] AGE = {0, 17, 18, 39, 40, 64, 65, 79, 80, 120, null};
    private static final Breakdowns LAYOUT = Breakdowns.standard();

    private static List<OutpatientEvent> events;
    private static MetricCounts counts;
    private static int countedByAdd;

    static boolean add(MetricCounts c, OutpatientEvent e, EventProfile p) {
        return c.add(e, LAYOUT.slotsOf(p), LAYOUT.slots());
    }

    static boolean add(MetricCounts c, OutpatientEvent e) {
        return add(c, e, TestEvents.profile(e));
    }

    static long numerator(MetricCounts c, Metric m, Breakdown b, int slot) {
        return c.numerator(m, LAYOUT.offset(b) + slot);
    }

    static long denominator(MetricCounts c, Metric m, Breakdown b, int slot) {
        return c.denominator(m, LAYOUT.offset(b) + slot);
    }

    @BeforeAll
    static void randomEvents() {
        Random random = new Random(20_261_124L);
        events = new ArrayList<>();
        EventType[] types = EventType.values();
        AttendanceStatus[] statuses = AttendanceStatus.values();
        Outcome[] outcomes = Outcome.values();
        Appointment[] appointments = Appointment.values();
        Medium[] media = Medium.values();
        for (int i = 0; i < 8_000; i++) {
            EventType type = random.nextInt(10) < 7 ? EventType.ATTENDANCE : types[random.nextInt(types.length)];
            AttendanceStatus status = null;
            Outcome outcome = null;
            Appointment appointment = null;
            Medium medium = null;
            if (type == EventType.ATTENDANCE) {
                status = statuses[random.nextInt(10) < 7 ? 0 : random.nextInt(statuses.length)];
                appointment = appointments[random.nextInt(appointments.length)];
                // attended events always have an outcome and a medium; others sometimes carry them anyway
                if (status == AttendanceStatus.ATTENDED || random.nextInt(4) == 0) {
                    outcome = outcomes[random.nextInt(outcomes.length)];
                    medium = media[random.nextInt(media.length)];
                }
            }
            Integer decile = random.nextInt(12) == 0 ? null : 1 + random.nextInt(10);
            String ethnicity = ETHNICITY[random.nextInt(ETHNICITY.length)];
            List<String> plus = new ArrayList<>();
            for (String g : EventParser.DEFAULT_PLUS_GROUPS) {
                if (random.nextInt(5) == 0) {
                    plus.add(g);
                }
            }
            events.add(TestEvents.builder(type).decile(decile).ethnicity(ethnicity)
                    .sex(SEX[random.nextInt(SEX.length)]).age(AGE[random.nextInt(AGE.length)]).plus(plus)
                    .appointment(appointment).attendance(status).medium(medium).outcome(outcome).build());
        }
        counts = new MetricCounts();
        countedByAdd = 0;
        for (OutpatientEvent e : events) {
            if (add(counts, e)) {
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
            case REMOTE_SHARE -> attended(e) && (e.medium() == Medium.TELEPHONE || e.medium() == Medium.VIDEO);
            case FU_RATIO, OPFU_CHANGE -> attended(e) && e.appointment() == Appointment.FOLLOW_UP;
            case ADVICE_PER_100_FIRST -> e.type() == EventType.ADVICE_REQUEST;
            case PIFU_RETURN_RATE -> e.type() == EventType.PIFU_RETURN;
            default -> throw new IllegalArgumentException(m.id);
        };
    }

    static boolean inDenominator(Metric m, OutpatientEvent e) {
        return switch (m) {
            case PIFU_RATE, DISCHARGE_RATE, REMOTE_SHARE -> attended(e);
            case DNA_RATE -> attended(e) || dna(e);
            case FU_RATIO, ADVICE_PER_100_FIRST -> attended(e) && e.appointment() == Appointment.FIRST;
            case PIFU_RETURN_RATE -> attended(e) && e.outcome() == Outcome.PIFU;
            case OPFU_CHANGE -> false; // its baseline comes from the 2019/20 cell
            default -> throw new IllegalArgumentException(m.id);
        };
    }

    /** The group key of SPEC §4/§8, rather than from Breakdown.slot. */
    static String expectedGroup(Breakdown b, OutpatientEvent e) {
        Integer d = e.imdDecile();
        if (b.id.startsWith("plus:")) {
            return e.plusGroups().contains(b.id.substring(5)) ? "yes" : "no";
        }
        return switch (b.id) {
            case "none" -> null;
            case "imd_quintile" -> d == null ? "unknown" : String.valueOf((int) Math.ceil(d / 2.0));
            case "imd_decile" -> d == null ? "unknown" : String.valueOf(d);
            case "core20" -> d == null ? "unknown" : d <= 2 ? "core20" : "rest";
            case "ethnicity_group" -> e.ethnicity() == null ? "unknown" : ETHNICITY_KEY.get(e.ethnicity());
            case "ethnicity" -> e.ethnicity() == null ? "unknown" : e.ethnicity();
            case "age_band" -> e.age() == null ? "unknown" : e.age() < 18 ? "0-17" : e.age() < 40 ? "18-39"
                    : e.age() < 65 ? "40-64" : e.age() < 80 ? "65-79" : "80+";
            case "sex" -> e.sex() == null ? "unknown" : switch (e.sex()) {
                case "1" -> "male";
                case "2" -> "female";
                case "9" -> "other";
                default -> "unknown";
            };
            default -> throw new IllegalArgumentException(b.id);
        };
    }

    static int expectedSlot(Breakdown b, OutpatientEvent e) {
        String group = expectedGroup(b, e);
        return group == null ? 0 : b.groups.indexOf(group);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void theRandomEventsCoverEveryCase() {
        long pifu = events.stream().filter(e -> inNumerator(Metric.PIFU_RATE, e)).count();
        long dnaWithOutcome = events.stream().filter(e -> dna(e) && e.outcome() != null).count();
        long cancelled = events.stream().filter(e -> e.attendance() != null && !attended(e) && !dna(e)).count();
        long unknownDecile = events.stream().filter(e -> e.imdDecile() == null).count();
        long advice = events.stream().filter(e -> e.type() == EventType.ADVICE_REQUEST).count();
        long returns = events.stream().filter(e -> e.type() == EventType.PIFU_RETURN).count();
        long remote = events.stream().filter(e -> inNumerator(Metric.REMOTE_SHARE, e)).count();
        long firsts = events.stream().filter(e -> inDenominator(Metric.FU_RATIO, e)).count();
        assertThat(pifu).isGreaterThan(100);
        assertThat(dnaWithOutcome).isGreaterThan(10);
        assertThat(cancelled).isGreaterThan(100);
        assertThat(unknownDecile).isGreaterThan(100);
        assertThat(advice).isGreaterThan(100);
        assertThat(returns).isGreaterThan(100);
        assertThat(remote).isGreaterThan(100);
        assertThat(firsts).isGreaterThan(100);
    }

    @Test
    void countsMatchPlainLoopsForEveryMetricBreakdownAndGroup() {
        for (Metric m : Metric.EVENT_METRICS) {
            for (Breakdown b : LAYOUT.list()) {
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
                    assertThat(numerator(counts, m, b, slot)).as("%s %s slot %d numerator", m, b, slot)
                            .isEqualTo(num[slot]);
                    assertThat(denominator(counts, m, b, slot)).as("%s %s slot %d denominator", m, b, slot)
                            .isEqualTo(den[slot]);
                    if (m == Metric.OPFU_CHANGE) {
                        assertThat(num[slot]).as("%s %s slot %d has data", m, b, slot).isPositive();
                    } else {
                        assertThat(den[slot]).as("%s %s slot %d has data", m, b, slot).isPositive();
                    }
                }
            }
        }
    }

    @Test
    void overallIsTheSumOfTheGroups() {
        for (Metric m : Metric.EVENT_METRICS) {
            long overallNum = events.stream().filter(e -> inNumerator(m, e)).count();
            long overallDen = events.stream().filter(e -> inDenominator(m, e)).count();
            assertThat(numerator(counts, m, Breakdown.NONE, 0)).isEqualTo(overallNum);
            assertThat(denominator(counts, m, Breakdown.NONE, 0)).isEqualTo(overallDen);
            for (Breakdown b : LAYOUT.list()) {
                long num = 0;
                long den = 0;
                for (int slot = 0; slot < b.slots(); slot++) {
                    num += numerator(counts, m, b, slot);
                    den += denominator(counts, m, b, slot);
                }
                assertThat(num).as("%s %s", m, b).isEqualTo(overallNum);
                assertThat(den).as("%s %s", m, b).isEqualTo(overallDen);
            }
        }
    }

    @Test
    void addReportsWhetherTheEventCountsTowardsAnyMetric() {
        long expected = events.stream().filter(e -> attended(e) || dna(e) || e.type() == EventType.ADVICE_REQUEST
                || e.type() == EventType.PIFU_RETURN).count();
        assertThat(countedByAdd).isEqualTo(expected);

        MetricCounts fresh = new MetricCounts();
        OutpatientEvent referral = TestEvents.event(EventType.REFERRAL, null, null, 3, "A");
        OutpatientEvent cancelled = TestEvents.event(EventType.ATTENDANCE, AttendanceStatus.CANCELLED_BY_PROVIDER,
                null, 3, "A");
        OutpatientEvent stop = TestEvents.event(EventType.CLOCK_STOP, null, null, 3, "A");
        assertThat(add(fresh, referral)).isFalse();
        assertThat(add(fresh, cancelled)).isFalse();
        assertThat(add(fresh, stop)).isFalse();
        assertThat(fresh.isEmpty()).isTrue();
        OutpatientEvent seen = TestEvents.attended(Outcome.PIFU, 3, "A");
        assertThat(add(fresh, seen)).isTrue();
        assertThat(fresh.isEmpty()).isFalse();
        assertThat(fresh).isNotEqualTo(new MetricCounts(LAYOUT.slots()));
        MetricCounts advice = new MetricCounts();
        assertThat(add(advice, TestEvents.event(EventType.ADVICE_REQUEST, null, null, 3, "A"))).isTrue();
    }

    @Test
    void anEmptyCountsObjectReadsZero() {
        MetricCounts empty = new MetricCounts();
        assertThat(empty.isEmpty()).isTrue();
        for (Metric m : Metric.EVENT_METRICS) {
            assertThat(empty.numerator(m, 5)).isZero();
            assertThat(empty.denominator(m, 5)).isZero();
        }
        MetricCounts sized = new MetricCounts(LAYOUT.slots());
        assertThat(sized.isEmpty()).isTrue();
        assertThat(sized.numerator(Metric.FU_RATIO, LAYOUT.slots() - 1)).isZero();
        assertThatThrownBy(() -> sized.numerator(Metric.WAITING_LIST, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slotsFollowQuintileAndEthnicityGroupOrdinal() {
        for (int d = 1; d <= 10; d++) {
            EventProfile p = new EventProfile(d, null, null, null, List.of());
            assertThat(Breakdown.IMD_QUINTILE.slot(p)).as("decile %d", d).isEqualTo((d + 1) / 2 - 1)
                    .isEqualTo((int) Math.ceil(d / 2.0) - 1);
        }
        assertThat(Breakdown.IMD_QUINTILE.slot(new EventProfile(null, null, null, null, List.of()))).isEqualTo(5);
        for (String code : ETHNICITY) {
            EventProfile p = new EventProfile(null, code, null, null, List.of());
            assertThat(Breakdown.ETHNICITY_GROUP.slot(p)).as("ethnicity %s", code)
                    .isEqualTo(EthnicityGroup.of(code).ordinal())
                    .isEqualTo(Breakdown.ETHNICITY_GROUP.groups.indexOf(code == null ? "unknown" : ETHNICITY_KEY.get(code)));
        }
        assertThat(Breakdown.NONE.slot(new EventProfile(4, "A", "1", 30, List.of("SMI")))).isZero();
    }

    @Test
    void theProfileNotTheEventDecidesTheGroup() {
        // enrichment may resolve a decile from the LSOA that the event itself does not carry
        MetricCounts c = new MetricCounts();
        OutpatientEvent e = TestEvents.attended(Outcome.PIFU, null, null);
        add(c, e, new EventProfile(10, "N", "2", 47, List.of("CARER")));
        assertThat(numerator(c, Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, 4)).isEqualTo(1);
        assertThat(numerator(c, Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, 5)).isZero();
        assertThat(numerator(c, Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, EthnicityGroup.BLACK.ordinal()))
                .isEqualTo(1);
        assertThat(numerator(c, Metric.PIFU_RATE, Breakdown.plus("CARER"), 0)).isEqualTo(1);
        assertThat(numerator(c, Metric.PIFU_RATE, Breakdown.plus("SMI"), 1)).isEqualTo(1);
    }

    @Test
    void orderOfAddingDoesNotMatter() {
        List<OutpatientEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(7));
        MetricCounts other = new MetricCounts();
        for (OutpatientEvent e : shuffled) {
            add(other, e);
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
        for (Breakdown b : LAYOUT.list()) {
            assertThat(LAYOUT.byId(b.id)).isEqualTo(b);
            assertThat(b.labels).as(b.id).hasSameSizeAs(b.groups);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LAYOUT.byId("imd_sextile"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
