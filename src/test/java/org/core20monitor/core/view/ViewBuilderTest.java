package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.stats.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Views from cells (SPEC §5, §6, §8): every kind's value and interval, the comparison with the overall,
 * the deprivation gap and SII, and ethnicity groups against White — each checked against figures
 * worked out here from the textbook formulas rather than through the statistics classes.
 */
class ViewBuilderTest {

    private static final double Z = 1.959963984540054;
    private static final Scope QWE = Scope.icb("QWE");
    private static final String OCT = "2026-10";

    // ---------------------------------------------------------------- formulas, written out

    /** Wilson score limits as fractions. */
    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double a = p + Z * Z / (2.0 * n);
        double b = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n));
        double c = 1 + Z * Z / n;
        return new double[] {Math.max(0, (a - b) / c), Math.min(1, (a + b) / c)};
    }

    /** Wilson score limits in percent. */
    static double[] wilsonPercent(long x, long n) {
        double[] w = wilson(x, n);
        return new double[] {100 * w[0], 100 * w[1]};
    }

    /** Byar's limits on a count O (SPEC §6): O(1 − 1/9O − z/3√O)³ and (O+1)(1 − 1/9(O+1) + z/3√(O+1))³. */
    static double[] byar(long o) {
        double lower = o == 0 ? 0 : o * Math.pow(1 - 1.0 / (9 * o) - Z / (3 * Math.sqrt(o)), 3);
        double o1 = o + 1;
        double upper = o1 * Math.pow(1 - 1.0 / (9 * o1) + Z / (3 * Math.sqrt(o1)), 3);
        return new double[] {lower, upper};
    }

    /** Newcombe's hybrid score interval for x1/n1 − x2/n2, in percentage points. */
    static double[] newcombePercent(long x1, long n1, long x2, long n2) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double[] w1 = wilson(x1, n1);
        double[] w2 = wilson(x2, n2);
        double d = p1 - p2;
        return new double[] {100 * (d - Math.sqrt(Math.pow(p1 - w1[0], 2) + Math.pow(w2[1] - p2, 2))),
                100 * (d + Math.sqrt(Math.pow(w1[1] - p1, 2) + Math.pow(p2 - w2[0], 2)))};
    }

    /** Working days of a month by looking at each day, with the bank holidays given by hand. */
    static int workingDaysByHand(YearMonth month, Set<LocalDate> bankHolidays) {
        int n = 0;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend && !bankHolidays.contains(d)) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- cells

    private static View build(Metric metric, Breakdown breakdown, TestCells.Cell cell) {
        return ViewBuilder.build(metric, breakdown, OCT, QWE, TestCells.of(cell.snapshot(OCT, QWE)));
    }

    /** Quintile 1: 10/1000, quintile 3: 50/500, quintile 5: 200/1000; nothing elsewhere. */
    private static TestCells.Cell pifuByQuintile() {
        TestCells.Cell cell = TestCells.cell();
        TestEvents.addPifuGroup(cell, 1, 10, 1000);
        TestEvents.addPifuGroup(cell, 5, 50, 500);
        TestEvents.addPifuGroup(cell, 10, 200, 1000);
        return cell;
    }

    private static OutpatientEvent attendedFirst() {
        return TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED, Medium.FACE_TO_FACE,
                Outcome.FOLLOW_UP);
    }

    private static OutpatientEvent attendedFollowUp() {
        return TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.FACE_TO_FACE,
                Outcome.FOLLOW_UP);
    }

    private static EventProfile quintile(int q) {
        return TestEvents.profileIn(Breakdown.IMD_QUINTILE, q - 1);
    }

    // ---------------------------------------------------------------- identity and proportions

    @Test
    void viewCarriesItsIdentity() {
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, OCT, QWE,
                TestCells.of(pifuByQuintile().provisional(true).snapshot(OCT, QWE)));
        assertThat(v.metric()).isEqualTo("pifu_rate");
        assertThat(v.period()).isEqualTo("2026-10");
        assertThat(v.provisional()).isTrue();
        assertThat(v.scope()).isEqualTo(new Scope("QWE", null, null, null));
        assertThat(v.breakdown()).isEqualTo("imd_quintile");
        assertThat(v.updatedAt()).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(v.asOf()).as("only waiting-list views have a snapshot date").isNull();
        // quintiles 2 and 4 are empty: a gap between the ends, no SII, and a note saying why
        assertThat(v.inequality()).isNotNull();
        assertThat(v.inequality().gap()).isCloseTo(1.0 - 20.0, within(1e-9));
        assertThat(v.inequality().sii()).isNull();
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).startsWith("No SII"));
        assertThat(v.groups()).extracting(GroupValue::group).containsExactly("1", "2", "3", "4", "5", "unknown");
        assertThat(v.groups().get(0).label()).isEqualTo("Most deprived 20%");
        assertThat(v.groups().get(4).label()).isEqualTo("Least deprived 20%");
    }

    @Test
    void valuesAreHundredTimesNumeratorOverDenominatorWithWilsonIntervals() {
        View v = build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, pifuByQuintile());
        assertThat(v.provisional()).isFalse();
        long[][] expected = {{10, 1000}, {0, 0}, {50, 500}, {0, 0}, {200, 1000}, {0, 0}};
        for (int i = 0; i < expected.length; i++) {
            GroupValue g = v.groups().get(i);
            assertThat(g.numerator()).as(g.group()).isEqualTo(expected[i][0]);
            assertThat(g.denominator()).as(g.group()).isEqualTo(expected[i][1]);
            assertThat(g.suppressed()).isFalse();
            if (expected[i][1] == 0) {
                assertThat(g.value()).as(g.group()).isNull();
                assertThat(g.lower()).isNull();
                assertThat(g.upper()).isNull();
                assertThat(g.vsOverall()).isNull();
            } else {
                double[] ci = wilsonPercent(expected[i][0], expected[i][1]);
                assertThat(g.value()).as(g.group()).isCloseTo(100.0 * expected[i][0] / expected[i][1], within(1e-9));
                assertThat(g.lower()).as(g.group()).isCloseTo(ci[0], within(1e-9));
                assertThat(g.upper()).as(g.group()).isCloseTo(ci[1], within(1e-9));
            }
        }
        GroupValue overall = v.overall();
        assertThat(overall.group()).isNull();
        assertThat(overall.label()).isEqualTo("All patients");
        assertThat(overall.numerator()).isEqualTo(260);
        assertThat(overall.denominator()).isEqualTo(2500);
        assertThat(overall.value()).isCloseTo(10.4, within(1e-9));
        double[] ci = wilsonPercent(260, 2500);
        assertThat(overall.lower()).isCloseTo(ci[0], within(1e-9));
        assertThat(overall.upper()).isCloseTo(ci[1], within(1e-9));
        assertThat(overall.vsOverall()).isNull();
    }

    @Test
    void goldenWilsonValueInPercent() {
        TestCells.Cell cell = TestCells.cell();
        TestEvents.addPifuGroup(cell, 3, 65, 100);
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, OCT, Scope.ENGLAND,
                TestCells.of(cell.snapshot(OCT, Scope.ENGLAND)));
        GroupValue q2 = v.groups().get(1);
        assertThat(q2.value()).isCloseTo(65.0, within(1e-9));
        assertThat(q2.lower()).isCloseTo(55.2544, within(1e-4));
        assertThat(q2.upper()).isCloseTo(73.6358, within(1e-4));
    }

    @Test
    void remoteShareCountsTelephoneAndVideoOverAttended() {
        TestCells.Cell cell = TestCells.cell();
        EventProfile core20 = TestEvents.profileIn(Breakdown.CORE20, 0);
        EventProfile rest = TestEvents.profileIn(Breakdown.CORE20, 1);
        cell.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED, Medium.TELEPHONE,
                Outcome.DISCHARGED), core20, 30);
        cell.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO,
                Outcome.PIFU), core20, 12);
        cell.add(attendedFollowUp(), core20, 158);
        cell.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO,
                Outcome.FOLLOW_UP), rest, 90);
        cell.add(attendedFirst(), rest, 210);
        // DNAs and cancellations are not consultations
        cell.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.DNA, null, null), core20, 40);
        cell.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.CANCELLED_BY_PATIENT, null, null), rest, 40);
        View v = build(Metric.REMOTE_SHARE, Breakdown.CORE20, cell);
        GroupValue c = v.groups().get(0);
        GroupValue r = v.groups().get(1);
        assertThat(c.numerator()).isEqualTo(42);
        assertThat(c.denominator()).isEqualTo(200);
        assertThat(c.value()).isCloseTo(21.0, within(1e-9));
        assertThat(c.lower()).isCloseTo(wilsonPercent(42, 200)[0], within(1e-9));
        assertThat(c.upper()).isCloseTo(wilsonPercent(42, 200)[1], within(1e-9));
        assertThat(r.numerator()).isEqualTo(90);
        assertThat(r.denominator()).isEqualTo(300);
        assertThat(v.overall().numerator()).isEqualTo(132);
        assertThat(v.overall().denominator()).isEqualTo(500);
        assertThat(v.inequality()).as("core20 vs rest is not a gradient").isNull();
    }

    @Test
    void groupsAreComparedWithTheOverallByTheFingertipsRule() {
        View v = build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, pifuByQuintile());
        double overall = v.overall().value();
        GroupValue q1 = v.groups().get(0);
        GroupValue q3 = v.groups().get(2);
        GroupValue q5 = v.groups().get(4);
        // 1% (0.54–1.83%) lies wholly below 10.4%; 20% (17.6–22.6%) wholly above; 10% (7.7–13.0%) spans it
        assertThat(q1.upper()).isLessThan(overall);
        assertThat(q1.vsOverall()).isEqualTo("lower");
        assertThat(q5.lower()).isGreaterThan(overall);
        assertThat(q5.vsOverall()).isEqualTo("higher");
        assertThat(q3.lower()).isLessThan(overall);
        assertThat(q3.upper()).isGreaterThan(overall);
        assertThat(q3.vsOverall()).isEqualTo("similar");
    }

    @Test
    void compareAtTheBoundsOfTheInterval() {
        Interval ci = new Interval(4.0, 6.0);
        assertThat(ViewBuilder.compare(ci, 3.999)).isEqualTo("higher");
        assertThat(ViewBuilder.compare(ci, 4.0)).isEqualTo("similar");
        assertThat(ViewBuilder.compare(ci, 5.0)).isEqualTo("similar");
        assertThat(ViewBuilder.compare(ci, 6.0)).isEqualTo("similar");
        assertThat(ViewBuilder.compare(ci, 6.001)).isEqualTo("lower");
        assertThat(ViewBuilder.compare(ci, null)).isNull();
    }

    @Test
    void dnaRateByEthnicityGroup() {
        TestCells.Cell cell = TestCells.cell();
        // White: 30 DNA of 300 appointments; Black: 60 DNA of 200; nobody else
        for (int i = 0; i < 300; i++) {
            cell.add(i < 30 ? TestEvents.dna(5, "A") : TestEvents.attended(Outcome.FOLLOW_UP, 5, "B"));
        }
        for (int i = 0; i < 200; i++) {
            cell.add(i < 60 ? TestEvents.dna(5, "M") : TestEvents.attended(Outcome.DISCHARGED, 5, "P"));
        }
        View v = ViewBuilder.build(Metric.DNA_RATE, Breakdown.ETHNICITY_GROUP, OCT, Scope.ENGLAND,
                TestCells.of(cell.snapshot(OCT, Scope.ENGLAND)));
        assertThat(v.breakdown()).isEqualTo("ethnicity_group");
        assertThat(v.groups()).extracting(GroupValue::group)
                .containsExactly("white", "mixed", "asian", "black", "other", "unknown");
        GroupValue white = v.groups().get(0);
        GroupValue black = v.groups().get(3);
        assertThat(white.numerator()).isEqualTo(30);
        assertThat(white.denominator()).isEqualTo(300);
        assertThat(black.numerator()).isEqualTo(60);
        assertThat(black.denominator()).isEqualTo(200);
        assertThat(v.overall().value()).isCloseTo(100.0 * 90 / 500, within(1e-9));
        // 10% (7.1–14.0%) is below 18%; 30% (24.1–36.6%) above
        assertThat(white.vsOverall()).isEqualTo("lower");
        assertThat(black.vsOverall()).isEqualTo("higher");
        assertThat(List.of(v.groups().get(1), v.groups().get(2), v.groups().get(4), v.groups().get(5)))
                .allSatisfy(g -> {
                    assertThat(g.denominator()).isZero();
                    assertThat(g.value()).isNull();
                    assertThat(g.vsReference()).isNull();
                });
    }

    @Test
    void breakdownNoneHasOnlyTheOverall() {
        View v = build(Metric.PIFU_RATE, Breakdown.NONE, pifuByQuintile());
        assertThat(v.breakdown()).isEqualTo("none");
        assertThat(v.groups()).isEmpty();
        assertThat(v.inequality()).isNull();
        assertThat(v.overall().numerator()).isEqualTo(260);
        assertThat(v.overall().denominator()).isEqualTo(2500);
    }

    @Test
    void emptyCountsGiveNullValuesEverywhere() {
        View v = ViewBuilder.build(Metric.DISCHARGE_RATE, Breakdown.IMD_QUINTILE, OCT, Scope.ENGLAND,
                TestCells.of(TestCells.cell().snapshot(OCT, Scope.ENGLAND)));
        assertThat(v.overall().value()).isNull();
        assertThat(v.overall().numerator()).isZero();
        assertThat(v.overall().denominator()).isZero();
        assertThat(v.groups()).hasSize(6).allSatisfy(g -> {
            assertThat(g.value()).isNull();
            assertThat(g.lower()).isNull();
            assertThat(g.upper()).isNull();
            assertThat(g.vsOverall()).isNull();
        });
        assertThat(v.inequality()).isNull();
        assertThat(v.notes()).isNotEmpty();
    }

    @Test
    void zeroAndFullProportionsHaveIntervalsTouchingTheBounds() {
        TestCells.Cell cell = TestCells.cell();
        TestEvents.addPifuGroup(cell, 1, 0, 40);   // 0%
        TestEvents.addPifuGroup(cell, 10, 40, 40); // 100%
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, OCT, Scope.ENGLAND,
                TestCells.of(cell.snapshot(OCT, Scope.ENGLAND)));
        GroupValue q1 = v.groups().get(0);
        GroupValue q5 = v.groups().get(4);
        assertThat(q1.value()).isEqualTo(0.0);
        assertThat(q1.lower()).isEqualTo(0.0);
        assertThat(q1.upper()).isCloseTo(wilsonPercent(0, 40)[1], within(1e-9));
        assertThat(q5.value()).isEqualTo(100.0);
        assertThat(q5.upper()).isEqualTo(100.0);
        assertThat(q1.vsOverall()).isEqualTo("lower");
        assertThat(q5.vsOverall()).isEqualTo("higher");
    }

    // ---------------------------------------------------------------- ratios and rates per 100 (Byar)

    @Test
    void followUpRatioWithByarIntervals() {
        TestCells.Cell cell = TestCells.cell();
        cell.add(attendedFollowUp(), quintile(1), 150);
        cell.add(attendedFirst(), quintile(1), 60);
        cell.add(attendedFollowUp(), quintile(5), 90);
        cell.add(attendedFirst(), quintile(5), 75);
        // not attended: in neither count
        cell.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.DNA, null, null), quintile(1), 20);
        cell.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.CANCELLED_BY_PROVIDER, null, null),
                quintile(5), 20);
        View v = build(Metric.FU_RATIO, Breakdown.IMD_QUINTILE, cell);
        GroupValue q1 = v.groups().get(0);
        assertThat(q1.numerator()).isEqualTo(150);
        assertThat(q1.denominator()).isEqualTo(60);
        assertThat(q1.value()).isCloseTo(2.5, within(1e-12));
        assertThat(q1.lower()).isCloseTo(byar(150)[0] / 60, within(1e-9));
        assertThat(q1.upper()).isCloseTo(byar(150)[1] / 60, within(1e-9));
        GroupValue q5 = v.groups().get(4);
        assertThat(q5.value()).isCloseTo(1.2, within(1e-12));
        assertThat(q5.lower()).isCloseTo(byar(90)[0] / 75, within(1e-9));
        assertThat(q5.upper()).isCloseTo(byar(90)[1] / 75, within(1e-9));
        GroupValue overall = v.overall();
        assertThat(overall.numerator()).isEqualTo(240);
        assertThat(overall.denominator()).isEqualTo(135);
        assertThat(overall.value()).isCloseTo(240.0 / 135, within(1e-12));
        assertThat(overall.lower()).isCloseTo(byar(240)[0] / 135, within(1e-9));
        assertThat(overall.upper()).isCloseTo(byar(240)[1] / 135, within(1e-9));
        assertThat(q1.vsOverall()).isEqualTo(byar(150)[0] / 60 > 240.0 / 135 ? "higher" : "similar");
        // gap of two ratios: most minus least deprived
        assertThat(v.inequality().gap()).isCloseTo(2.5 - 1.2, within(1e-12));
        assertThat(v.inequality().ratio()).isCloseTo(2.5 / 1.2, within(1e-12));
    }

    @Test
    void goldenByarCountThroughARatePer100() {
        // SPEC §6: Byar, 95%, count 65 -> 50.163 to 82.849; over 100 firsts it is per 100 as it stands
        TestCells.Cell cell = TestCells.cell();
        cell.add(TestEvents.builder(EventType.ADVICE_REQUEST).build(), quintile(2), 65);
        cell.add(attendedFirst(), quintile(2), 100);
        View v = build(Metric.ADVICE_PER_100_FIRST, Breakdown.IMD_QUINTILE, cell);
        GroupValue q2 = v.groups().get(1);
        assertThat(q2.value()).isCloseTo(65.0, within(1e-9));
        assertThat(q2.lower()).isCloseTo(50.163, within(1e-3));
        assertThat(q2.upper()).isCloseTo(82.849, within(1e-3));
    }

    @Test
    void advicePer100FirstAttendancesWithByarIntervals() {
        TestCells.Cell cell = TestCells.cell();
        EventProfile white = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, 0);
        EventProfile asian = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, 2);
        cell.add(TestEvents.builder(EventType.ADVICE_REQUEST).build(), white, 12);
        cell.add(attendedFirst(), white, 80);
        cell.add(TestEvents.builder(EventType.ADVICE_REQUEST).build(), asian, 30);
        cell.add(attendedFirst(), asian, 120);
        // follow-ups are not in the denominator
        cell.add(attendedFollowUp(), white, 500);
        View v = build(Metric.ADVICE_PER_100_FIRST, Breakdown.ETHNICITY_GROUP, cell);
        GroupValue w = v.groups().get(0);
        assertThat(w.numerator()).isEqualTo(12);
        assertThat(w.denominator()).isEqualTo(80);
        assertThat(w.value()).isCloseTo(15.0, within(1e-12));
        assertThat(w.lower()).isCloseTo(100 * byar(12)[0] / 80, within(1e-9));
        assertThat(w.upper()).isCloseTo(100 * byar(12)[1] / 80, within(1e-9));
        GroupValue a = v.groups().get(2);
        assertThat(a.value()).isCloseTo(25.0, within(1e-12));
        assertThat(a.lower()).isCloseTo(100 * byar(30)[0] / 120, within(1e-9));
        assertThat(a.upper()).isCloseTo(100 * byar(30)[1] / 120, within(1e-9));
        assertThat(v.overall().value()).isCloseTo(100.0 * 42 / 200, within(1e-12));
        // against White: a difference of rates per 100, and their ratio
        ReferenceComparison vs = a.vsReference();
        assertThat(vs).isNotNull();
        assertThat(vs.reference()).isEqualTo("white");
        assertThat(vs.difference()).isCloseTo(25.0 - 15.0, within(1e-9));
        assertThat(vs.ratio()).isCloseTo(25.0 / 15.0, within(1e-9));
        assertThat(vs.differenceLower()).isLessThan(vs.difference());
        assertThat(vs.differenceUpper()).isGreaterThan(vs.difference());
        // ratio of rates by the log method: exp(ln r ± z √(1/x1 + 1/x2))
        double se = Math.sqrt(1.0 / 30 + 1.0 / 12);
        assertThat(vs.ratioLower()).isCloseTo(25.0 / 15.0 * Math.exp(-Z * se), within(1e-9));
        assertThat(vs.ratioUpper()).isCloseTo(25.0 / 15.0 * Math.exp(Z * se), within(1e-9));
        assertThat(w.vsReference()).as("White against itself").isNull();
    }

    @Test
    void pifuReturnsPer100MovedToPifu() {
        TestCells.Cell cell = TestCells.cell();
        cell.add(TestEvents.builder(EventType.PIFU_RETURN).build(), TestEvents.NEUTRAL, 9);
        cell.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED, Medium.VIDEO, Outcome.PIFU),
                TestEvents.NEUTRAL, 45);
        cell.add(attendedFollowUp(), TestEvents.NEUTRAL, 300);
        View v = build(Metric.PIFU_RETURN_RATE, Breakdown.NONE, cell);
        assertThat(v.overall().numerator()).isEqualTo(9);
        assertThat(v.overall().denominator()).isEqualTo(45);
        assertThat(v.overall().value()).isCloseTo(20.0, within(1e-12));
        assertThat(v.overall().lower()).isCloseTo(100 * byar(9)[0] / 45, within(1e-9));
        assertThat(v.overall().upper()).isCloseTo(100 * byar(9)[1] / 45, within(1e-9));
    }

    // ---------------------------------------------------------------- change in follow-ups since 2019/20

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2026-04, 2019-04", "2026-10, 2019-10", "2026-12, 2019-12", "2027-01, 2020-01", "2027-03, 2020-03",
            "2019-07, 2019-07", "2020-02, 2020-02"})
    void baselineIsTheSameMonthOf2019To20(String period, String baseline) {
        assertThat(ViewBuilder.baselinePeriod(period)).isEqualTo(baseline);
    }

    /** Bank holidays of England and Wales in the months used below, from gov.uk/bank-holidays. */
    private static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.of(2019, 5, 6), LocalDate.of(2019, 5, 27),
            LocalDate.of(2019, 12, 25), LocalDate.of(2019, 12, 26),
            LocalDate.of(2020, 1, 1),
            LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28),
            LocalDate.of(2027, 1, 1),
            LocalDate.of(2027, 5, 3), LocalDate.of(2027, 5, 31));

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource({"2026-10, 2019-10, 22, 23", "2026-12, 2019-12, 21, 20", "2027-01, 2020-01, 20, 22",
            "2027-05, 2019-05, 19, 21"})
    void opfuChangeIsFollowUpsPerWorkingDayAgainst2019To20(String period, String base, int daysNow, int daysBase) {
        int wdNow = workingDaysByHand(YearMonth.parse(period), HOLIDAYS);
        int wdBase = workingDaysByHand(YearMonth.parse(base), HOLIDAYS);
        assertThat(wdNow).as("working days of %s, counted by hand", period).isEqualTo(daysNow);
        assertThat(wdBase).as("working days of %s, counted by hand", base).isEqualTo(daysBase);

        // A month that has ended (its month-end snapshot taken): only then is it compared.
        TestCells.Cell now = TestCells.cell().waitsAsOf(YearMonth.parse(period).atEndOfMonth().toString());
        now.add(attendedFollowUp(), quintile(1), 300);
        now.add(attendedFollowUp(), quintile(5), 120);
        now.add(attendedFirst(), quintile(1), 500);   // firsts are not follow-ups
        now.add(TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.DNA, null, null), quintile(5), 50);
        TestCells.Cell then = TestCells.cell();
        then.add(attendedFollowUp(), quintile(1), 400);
        then.add(attendedFollowUp(), quintile(5), 100);
        TestCells cells = TestCells.of(now.snapshot(period, QWE), then.snapshot(base, QWE));
        View v = ViewBuilder.build(Metric.OPFU_CHANGE, Breakdown.IMD_QUINTILE, period, QWE, cells);

        long[][] counts = {{300, 400}, {120, 100}, {420, 500}};
        GroupValue[] shown = {v.groups().get(0), v.groups().get(4), v.overall()};
        for (int i = 0; i < counts.length; i++) {
            long n = counts[i][0];
            long b = counts[i][1];
            double perDayBase = (double) b / wdBase;
            GroupValue g = shown[i];
            assertThat(g.numerator()).isEqualTo(n);
            assertThat(g.denominator()).as("the 2019/20 follow-ups").isEqualTo(b);
            assertThat(g.value()).isCloseTo(100 * ((double) n / wdNow / perDayBase - 1), within(1e-9));
            assertThat(g.lower()).isCloseTo(100 * (byar(n)[0] / wdNow / perDayBase - 1), within(1e-9));
            assertThat(g.upper()).isCloseTo(100 * (byar(n)[1] / wdNow / perDayBase - 1), within(1e-9));
        }
        assertThat(v.groups().get(1).value()).as("no follow-ups in either month").isNull();
        assertThat(v.inequality().gap()).isCloseTo(shown[0].value() - shown[1].value(), within(1e-9));
    }

    @Test
    void opfuChangeOfAMonthInProgressWaitsForTheMonthsEnd() {
        TestCells.Cell now = TestCells.cell();   // no month-end snapshot: the month is not over
        now.add(attendedFollowUp(), quintile(1), 300);
        TestCells.Cell then = TestCells.cell();
        then.add(attendedFollowUp(), quintile(1), 400);
        TestCells cells = TestCells.of(now.snapshot("2026-10", QWE), then.snapshot("2019-10", QWE));
        View v = ViewBuilder.build(Metric.OPFU_CHANGE, Breakdown.NONE, "2026-10", QWE, cells);
        assertThat(v.overall().numerator()).isEqualTo(300);
        assertThat(v.overall().value()).isNull();
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("not over"));
    }

    @Test
    void opfuChangeWithoutABaselineCellHasNoValuesAndSaysWhy() {
        TestCells.Cell now = TestCells.cell().waitsAsOf("2026-10-31");
        now.add(attendedFollowUp(), quintile(1), 300);
        View v = build(Metric.OPFU_CHANGE, Breakdown.IMD_QUINTILE, now);
        assertThat(v).isNotNull();
        assertThat(v.overall().numerator()).isEqualTo(300);
        assertThat(v.overall().value()).isNull();
        assertThat(v.groups()).allSatisfy(g -> assertThat(g.value()).isNull());
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).contains("2019-10"));
    }

    // ---------------------------------------------------------------- the waiting list

    /** Waits in days per quintile (index 0 = quintile 1) for the waiting-list tests. */
    private static final long[][] WAITS = {
            {3, 40, 126, 127, 200, 364, 365, 400, 456, 547, 729, 800},   // 12 pathways
            {10, 20, 30, 126, 126},                                       // 5
            {},                                                           // none
            {1, 2, 3, 4, 5, 6, 7, 8, 500},                                // 9
            {0, 90, 100, 364, 365, 366, 1000, 7}};                        // 8

    private static TestCells.Cell waitingList() {
        TestCells.Cell cell = TestCells.cell().waitsAsOf("2026-10-31");
        for (int q = 0; q < WAITS.length; q++) {
            for (long d : WAITS[q]) {
                cell.waiting(quintile(q + 1), d, 1);
            }
        }
        cell.waiting(TestEvents.profileIn(Breakdown.IMD_QUINTILE, 5), 50, 2); // IMD unknown
        return cell;
    }

    private static long[] allWaits() {
        List<Long> all = new ArrayList<>();
        for (long[] q : WAITS) {
            for (long d : q) {
                all.add(d);
            }
        }
        all.add(50L);
        all.add(50L);
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    private static Double medianBySorting(long[] days) {
        if (days.length == 0) {
            return null;
        }
        long[] s = days.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? (double) s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    @Test
    void waitingListIsACountWithByarIntervals() {
        View v = build(Metric.WAITING_LIST, Breakdown.IMD_QUINTILE, waitingList());
        assertThat(v.asOf()).isEqualTo("2026-10-31");
        for (int q = 0; q < WAITS.length; q++) {
            GroupValue g = v.groups().get(q);
            long n = WAITS[q].length;
            assertThat(g.numerator()).as("quintile %d", q + 1).isEqualTo(n);
            assertThat(g.denominator()).isNull();
            assertThat(g.value()).isEqualTo((double) n);
            assertThat(g.lower()).isCloseTo(byar(n)[0], within(1e-9));
            assertThat(g.upper()).isCloseTo(byar(n)[1], within(1e-9));
        }
        assertThat(v.groups().get(5).numerator()).isEqualTo(2);
        assertThat(v.overall().numerator()).isEqualTo(36);
        assertThat(v.overall().value()).isEqualTo(36.0);
        assertThat(v.inequality()).as("no gap or SII of counts").isNull();
    }

    @Test
    void within18WeeksAndOver52WeeksAreProportionsOfOpenPathways() {
        View within = build(Metric.WITHIN_18W, Breakdown.IMD_QUINTILE, waitingList());
        View over = build(Metric.OVER_52W, Breakdown.IMD_QUINTILE, waitingList());
        View over104 = build(Metric.OVER_104W, Breakdown.IMD_QUINTILE, waitingList());
        for (int q = 0; q < WAITS.length; q++) {
            long n = WAITS[q].length;
            long in18 = Arrays.stream(WAITS[q]).filter(d -> d <= 126).count();
            long past52 = Arrays.stream(WAITS[q]).filter(d -> d > 364).count();
            long past104 = Arrays.stream(WAITS[q]).filter(d -> d > 728).count();
            GroupValue w = within.groups().get(q);
            GroupValue o = over.groups().get(q);
            assertThat(w.numerator()).isEqualTo(in18);
            assertThat(w.denominator()).isEqualTo(n);
            assertThat(o.numerator()).isEqualTo(past52);
            assertThat(o.denominator()).isEqualTo(n);
            assertThat(over104.groups().get(q).numerator()).isEqualTo(past104);
            if (n == 0) {
                assertThat(w.value()).isNull();
                continue;
            }
            assertThat(w.value()).isCloseTo(100.0 * in18 / n, within(1e-9));
            assertThat(w.lower()).isCloseTo(wilsonPercent(in18, n)[0], within(1e-9));
            assertThat(w.upper()).isCloseTo(wilsonPercent(in18, n)[1], within(1e-9));
            assertThat(o.value()).isCloseTo(100.0 * past52 / n, within(1e-9));
            assertThat(o.lower()).isCloseTo(wilsonPercent(past52, n)[0], within(1e-9));
        }
        assertThat(within.groups().get(0).numerator()).isEqualTo(3);  // 3, 40, 126
        assertThat(over.groups().get(0).numerator()).isEqualTo(6);    // 365, 400, 456, 547, 729, 800
        assertThat(within.asOf()).isEqualTo("2026-10-31");
    }

    @Test
    void medianWaitInWeeksOfOpenPathways() {
        View v = build(Metric.MEDIAN_WAIT_WEEKS, Breakdown.IMD_QUINTILE, waitingList());
        for (int q = 0; q < WAITS.length; q++) {
            GroupValue g = v.groups().get(q);
            Double median = medianBySorting(WAITS[q]);
            assertThat(g.numerator()).as("pathways").isEqualTo(WAITS[q].length);
            assertThat(g.denominator()).isNull();
            if (median == null) {
                assertThat(g.value()).isNull();
            } else {
                assertThat(g.value()).as("quintile %d", q + 1).isCloseTo(median / 7, within(1e-12));
                // The exact order-statistic interval: ranks n/2 ∓ 1.96·√n/2 (and 1 +), halves up, clamped to 1..n.
                long[] sorted = WAITS[q].clone();
                java.util.Arrays.sort(sorted);
                int n = sorted.length;
                double half = 1.959964 * Math.sqrt(n) / 2;
                int j = (int) Math.max(1, Math.min(n, Math.floor(n / 2.0 - half + 0.5)));
                int k = (int) Math.max(1, Math.min(n, Math.floor(1 + n / 2.0 + half + 0.5)));
                assertThat(g.lower()).as("lower, quintile %d", q + 1).isCloseTo(sorted[j - 1] / 7.0, within(1e-12));
                assertThat(g.upper()).as("upper, quintile %d", q + 1).isCloseTo(sorted[k - 1] / 7.0, within(1e-12));
            }
        }
        assertThat(v.groups().get(0).value()).isCloseTo((364 + 365) / 2.0 / 7, within(1e-12)); // even count
        assertThat(v.groups().get(1).value()).isCloseTo(30 / 7.0, within(1e-12));             // odd count
        assertThat(v.overall().value()).isCloseTo(medianBySorting(allWaits()) / 7, within(1e-12));
    }

    @Test
    void medianWaitOfCompletedPathways() {
        TestCells.Cell cell = TestCells.cell();
        long[] stopped = {14, 30, 60, 61, 200, 400};
        for (long d : stopped) {
            cell.completed(quintile(2), d, 1);
        }
        cell.completed(quintile(4), 7, 3);
        View v = build(Metric.MEDIAN_WAIT_COMPLETED, Breakdown.IMD_QUINTILE, cell);
        assertThat(v.groups().get(1).numerator()).isEqualTo(6);
        assertThat(v.groups().get(1).value()).isCloseTo(medianBySorting(stopped) / 7, within(1e-12))
                .isCloseTo(60.5 / 7, within(1e-12));
        assertThat(v.groups().get(3).value()).isCloseTo(1.0, within(1e-12));
        assertThat(v.groups().get(0).value()).isNull();
        assertThat(v.overall().numerator()).isEqualTo(9);
        assertThat(v.overall().value()).isCloseTo(medianBySorting(new long[] {14, 30, 60, 61, 200, 400, 7, 7, 7}) / 7,
                within(1e-12));
        // completed waits do not make a waiting list
        assertThat(build(Metric.WAITING_LIST, Breakdown.IMD_QUINTILE, cell)).isNull();
    }

    // ---------------------------------------------------------------- where the waits come from, and no data

    @Test
    void withoutWaitsInTheCellTheLiveSnapshotOfTheSamePeriodIsUsed() {
        TestCells.Cell month = TestCells.cell();
        TestEvents.addPifuGroup(month, 1, 10, 100);
        CellSnapshot live = waitingList().withoutEvents().waitsAsOf("2026-10-17").provisional(true)
                .updatedAt("2026-10-17T12:00:00Z").snapshot(OCT, QWE);
        TestCells cells = TestCells.of(month.snapshot(OCT, QWE)).putLive(live);
        View v = ViewBuilder.build(Metric.WAITING_LIST, Breakdown.IMD_QUINTILE, OCT, QWE, cells);
        assertThat(v).isNotNull();
        assertThat(v.asOf()).isEqualTo("2026-10-17");
        assertThat(v.provisional()).isTrue();
        assertThat(v.updatedAt()).isEqualTo("2026-10-17T12:00:00Z");
        assertThat(v.overall().numerator()).isEqualTo(36);
        // the event metrics still come from the month's cell
        assertThat(ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, OCT, QWE, cells).overall().numerator())
                .isEqualTo(10);
        // no cell at all: the live snapshot still serves the waiting list, but not the event metrics
        TestCells liveOnly = new TestCells().putLive(live);
        assertThat(ViewBuilder.build(Metric.MEDIAN_WAIT_WEEKS, Breakdown.NONE, OCT, QWE, liveOnly).asOf())
                .isEqualTo("2026-10-17");
        assertThat(ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, OCT, QWE, liveOnly)).isNull();
        // a live snapshot of another month does not stand in for this one
        assertThat(ViewBuilder.build(Metric.WAITING_LIST, Breakdown.NONE, "2026-09", QWE, cells)).isNull();
        // nor of another scope
        assertThat(ViewBuilder.build(Metric.WAITING_LIST, Breakdown.NONE, OCT, Scope.ENGLAND,
                TestCells.of(month.snapshot(OCT, Scope.ENGLAND)).putLive(live))).isNull();
    }

    @Test
    void theCellsOwnWaitsComeBeforeTheLiveSnapshot() {
        CellSnapshot live = waitingList().withoutEvents().waitsAsOf("2026-10-17").snapshot(OCT, QWE);
        TestCells.Cell month = TestCells.cell().waiting(TestEvents.NEUTRAL, 10, 20).waitsAsOf("2026-10-31");
        View v = ViewBuilder.build(Metric.WAITING_LIST, Breakdown.NONE, OCT, QWE,
                TestCells.of(month.snapshot(OCT, QWE)).putLive(live));
        assertThat(v.asOf()).isEqualTo("2026-10-31");
        assertThat(v.overall().numerator()).isEqualTo(20);
    }

    @Test
    void noDataGivesNoView() {
        TestCells empty = new TestCells();
        for (Metric m : Metric.values()) {
            assertThat(ViewBuilder.build(m, Breakdown.IMD_QUINTILE, OCT, QWE, empty)).as(m.id).isNull();
        }
        // a cell with waits only: no event metric and no completed-pathway median
        TestCells waitsOnly = TestCells.of(waitingList().withoutEvents().snapshot(OCT, QWE));
        assertThat(ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, OCT, QWE, waitsOnly)).isNull();
        assertThat(ViewBuilder.build(Metric.MEDIAN_WAIT_COMPLETED, Breakdown.NONE, OCT, QWE, waitsOnly)).isNull();
        assertThat(ViewBuilder.build(Metric.WAITING_LIST, Breakdown.NONE, OCT, QWE, waitsOnly)).isNotNull();
        // a cell with events only and no live snapshot: no waits metric
        TestCells eventsOnly = TestCells.of(pifuByQuintile().snapshot(OCT, QWE));
        for (Metric m : Metric.values()) {
            View v = ViewBuilder.build(m, Breakdown.NONE, OCT, QWE, eventsOnly);
            assertThat(v == null).as(m.id).isEqualTo(m.source != Metric.Source.EVENTS);
        }
        // another period or scope
        assertThat(ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, "2026-11", QWE, eventsOnly)).isNull();
        assertThat(ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, OCT, Scope.ENGLAND, eventsOnly)).isNull();
    }

    // ---------------------------------------------------------------- inequality

    /** PIFU by quintile rising as deprivation falls, with some unknowns. */
    private static final long[][] GRADIENT = {{30, 1000}, {45, 900}, {60, 1100}, {70, 1000}, {90, 1000}};

    private static TestCells.Cell gradient() {
        TestCells.Cell cell = TestCells.cell();
        for (int q = 0; q < GRADIENT.length; q++) {
            TestEvents.addPifuGroup(cell, 2 * q + 1, GRADIENT[q][0], GRADIENT[q][1]);
        }
        TestEvents.addPifuGroup(cell, null, 5, 100);
        return cell;
    }

    @Test
    void deprivationGapAndSiiOfAProportion() {
        View v = build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, gradient());
        Inequality in = v.inequality();
        assertThat(in).isNotNull();
        double q1 = v.groups().get(0).value();
        double q5 = v.groups().get(4).value();
        assertThat(q1).isCloseTo(3.0, within(1e-12));
        assertThat(q5).isCloseTo(9.0, within(1e-12));
        assertThat(in.gap()).isEqualTo(q1 - q5);
        double[] gapCi = newcombePercent(30, 1000, 90, 1000);
        assertThat(in.gapLower()).isCloseTo(gapCi[0], within(1e-9));
        assertThat(in.gapUpper()).isCloseTo(gapCi[1], within(1e-9));
        assertThat(in.ratio()).isCloseTo(q1 / q5, within(1e-12));
        double se = Math.sqrt(1.0 / 30 - 1.0 / 1000 + 1.0 / 90 - 1.0 / 1000);
        assertThat(in.ratioLower()).isCloseTo(q1 / q5 * Math.exp(-Z * se), within(1e-9));
        assertThat(in.ratioUpper()).isCloseTo(q1 / q5 * Math.exp(Z * se), within(1e-9));

        // SII and RII: weighted least squares of logit(p) on the midpoints of cumulative shares, by hand
        double total = Arrays.stream(GRADIENT).mapToLong(g -> g[1]).sum();
        double[] a = new double[5];
        double[] b = new double[5];
        double[] y = new double[5];
        double cumulative = 0;
        for (int q = 0; q < 5; q++) {
            a[q] = GRADIENT[q][1] / total;
            b[q] = cumulative + a[q] / 2;
            cumulative += a[q];
            double p = (double) GRADIENT[q][0] / GRADIENT[q][1];
            y[q] = Math.log(p / (1 - p));
        }
        double meanB = 0;
        double meanY = 0;
        for (int q = 0; q < 5; q++) {
            meanB += a[q] * b[q];
            meanY += a[q] * y[q];
        }
        double sxy = 0;
        double sxx = 0;
        for (int q = 0; q < 5; q++) {
            sxy += a[q] * (b[q] - meanB) * (y[q] - meanY);
            sxx += a[q] * (b[q] - meanB) * (b[q] - meanB);
        }
        double beta1 = sxy / sxx;
        double beta0 = meanY - beta1 * meanB;
        double least = 100 / (1 + Math.exp(-(beta0 + beta1)));
        double most = 100 / (1 + Math.exp(-beta0));
        assertThat(in.sii()).isCloseTo(least - most, within(1e-9));
        assertThat(in.rii()).isCloseTo(least / most, within(1e-9));
        // the fitted curve the SII is read along: f(β₀ + β₁·b) at b = 0, 0.1, …, 1
        assertThat(in.fit()).hasSize(Inequality.FIT_POINTS);
        for (int i = 0; i < Inequality.FIT_POINTS; i++) {
            double bi = i / 10.0;
            assertThat(in.fit().get(i)).as("fit at %s", bi)
                    .isCloseTo(100 / (1 + Math.exp(-(beta0 + beta1 * bi))), within(1e-9));
        }
        assertThat(in.fit().get(10) - in.fit().get(0)).isCloseTo(in.sii(), within(1e-9));
        assertThat(in.sii()).as("rises as deprivation falls").isPositive();
        assertThat(in.siiLower()).isLessThanOrEqualTo(in.sii());
        assertThat(in.sii()).isLessThanOrEqualTo(in.siiUpper());
        assertThat(in.riiLower()).isLessThanOrEqualTo(in.rii());
        assertThat(in.rii()).isLessThanOrEqualTo(in.riiUpper());
        assertThat(in.siiLower()).as("a clear gradient").isPositive();
        assertThat(in.orientation()).isEqualTo("least deprived minus most deprived").isEqualTo(Inequality.ORIENTATION);
        assertThat(in.gapMethod()).contains("Newcombe");
        assertThat(in.siiMethod()).contains("logit").contains("10000");
        assertThat(in.note()).isNull();
        // the same data give the same interval (fixed seed)
        assertThat(build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, gradient()).inequality()).isEqualTo(in);
    }

    @Test
    void decilesUseDecile1AgainstDecile10() {
        TestCells.Cell cell = TestCells.cell();
        for (int d = 1; d <= 10; d++) {
            TestEvents.addPifuGroup(cell, d, 20 + 5L * d, 500);
        }
        View v = build(Metric.PIFU_RATE, Breakdown.IMD_DECILE, cell);
        Inequality in = v.inequality();
        assertThat(in.gap()).isCloseTo(v.groups().get(0).value() - v.groups().get(9).value(), within(1e-12))
                .isCloseTo(5.0 - 14.0, within(1e-9));
        assertThat(in.sii()).isPositive();
        assertThat(in.siiLower()).isLessThanOrEqualTo(in.sii());
        assertThat(in.siiUpper()).isGreaterThanOrEqualTo(in.sii());
    }

    @Test
    void aZeroQuantileIsFittedUntransformedAndSaysSo() {
        TestCells.Cell cell = TestCells.cell();
        long[] pifu = {0, 10, 20, 30, 40};
        for (int q = 0; q < 5; q++) {
            TestEvents.addPifuGroup(cell, 2 * q + 1, pifu[q], 400);
        }
        View v = build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, cell);
        assertThat(v.inequality().sii()).isNotNull();
        assertThat(v.inequality().siiMethod()).contains("none");
        assertThat(v.notes()).anySatisfy(n -> assertThat(n).startsWith("SII computed untransformed"));
    }

    @Test
    void ethnicityGroupsAgainstWhite() {
        TestCells.Cell cell = TestCells.cell();
        long[][] counts = {{40, 400}, {0, 0}, {90, 600}, {12, 200}, {0, 50}, {7, 70}};
        for (int g = 0; g < counts.length; g++) {
            EventProfile p = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, g);
            cell.add(TestEvents.attended(Outcome.PIFU, 5, "A"), p, counts[g][0]);
            cell.add(TestEvents.attended(Outcome.DISCHARGED, 5, "A"), p, counts[g][1] - counts[g][0]);
        }
        View v = build(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, cell);
        assertThat(v.inequality()).isNull();
        GroupValue white = v.groups().get(0);
        assertThat(white.value()).isCloseTo(10.0, within(1e-12));
        assertThat(white.vsReference()).isNull();
        assertThat(v.groups().get(1).vsReference()).as("no data").isNull();
        assertThat(v.groups().get(5).vsReference()).as("not known is not compared").isNull();
        for (int g : new int[] {2, 3, 4}) {
            GroupValue group = v.groups().get(g);
            ReferenceComparison vs = group.vsReference();
            assertThat(vs).as(group.group()).isNotNull();
            assertThat(vs.reference()).isEqualTo("white");
            assertThat(vs.difference()).as(group.group()).isCloseTo(group.value() - white.value(), within(1e-9));
            double[] ci = newcombePercent(counts[g][0], counts[g][1], 40, 400);
            assertThat(vs.differenceLower()).as(group.group()).isCloseTo(ci[0], within(1e-9));
            assertThat(vs.differenceUpper()).as(group.group()).isCloseTo(ci[1], within(1e-9));
            assertThat(vs.ratio()).isCloseTo(group.value() / white.value(), within(1e-9));
        }
        // Asian 15% against 10%: the difference interval excludes 0
        assertThat(v.groups().get(2).vsReference().difference()).isCloseTo(5.0, within(1e-9));
        assertThat(v.groups().get(2).vsReference().significant()).isTrue();
        // Black 6% against 10%: 6 − 10 = −4 points, interval spans 0
        assertThat(v.groups().get(3).vsReference().difference()).isCloseTo(-4.0, within(1e-9));
        // Other 0%: a ratio of 0 and no log-method interval
        ReferenceComparison other = v.groups().get(4).vsReference();
        assertThat(other.ratio()).isEqualTo(0.0);
        assertThat(other.ratioLower()).isNull();
        assertThat(other.ratioUpper()).isNull();
    }

    @Test
    void core20AndPlusGroupsAgainstEveryoneElse() {
        TestCells.Cell cell = TestCells.cell();
        // quintile 1 is Core20: 30/1000; quintiles 2–5 are the rest: 45+60+70+90 of 4000
        for (int q = 0; q < GRADIENT.length; q++) {
            TestEvents.addPifuGroup(cell, 2 * q + 1, GRADIENT[q][0], GRADIENT[q][1]);
        }
        View v = build(Metric.PIFU_RATE, Breakdown.CORE20, cell);
        GroupValue core20 = v.groups().get(0);
        GroupValue rest = v.groups().get(1);
        assertThat(core20.group()).isEqualTo("core20");
        assertThat(rest.value()).isCloseTo(100.0 * 265 / 4000, within(1e-12));
        assertThat(rest.vsReference()).isNull();
        ReferenceComparison vs = core20.vsReference();
        assertThat(vs.reference()).isEqualTo("rest");
        assertThat(vs.difference()).isCloseTo(3.0 - 100.0 * 265 / 4000, within(1e-9));
        double[] ci = newcombePercent(30, 1000, 265, 4000);
        assertThat(vs.differenceLower()).isCloseTo(ci[0], within(1e-9));
        assertThat(vs.differenceUpper()).isCloseTo(ci[1], within(1e-9));
        assertThat(vs.significant()).as("3.0% against 6.6%").isTrue();
        assertThat(ViewBuilder.referenceGroup(Breakdown.plus("CARER"))).isEqualTo("no");
        assertThat(ViewBuilder.referenceGroup(Breakdown.AGE_BAND)).isNull();
    }
}
