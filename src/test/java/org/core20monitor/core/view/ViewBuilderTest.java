package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.stats.Interval;
import org.junit.jupiter.api.Test;

/** Views from counts: values, Wilson intervals ×100 and the Fingertips comparison (SPEC §6, §8). */
class ViewBuilderTest {

    private static final double Z = 1.959963984540054;
    private static final Scope QWE = Scope.icb("QWE");

    /** Wilson score limits in percent, written out from the textbook formula. */
    static double[] wilsonPercent(long x, long n) {
        double p = (double) x / n;
        double a = p + Z * Z / (2.0 * n);
        double b = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n));
        double c = 1 + Z * Z / n;
        return new double[] {100 * Math.max(0, (a - b) / c), 100 * Math.min(1, (a + b) / c)};
    }

    /** Quintile 1: 10/1000, quintile 3: 50/500, quintile 5: 200/1000; nothing elsewhere. */
    private static MetricCounts pifuByQuintile() {
        MetricCounts counts = new MetricCounts();
        TestEvents.addPifuGroup(counts, 1, 10, 1000);
        TestEvents.addPifuGroup(counts, 5, 50, 500);
        TestEvents.addPifuGroup(counts, 10, 200, 1000);
        return counts;
    }

    @Test
    void viewCarriesItsIdentity() {
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", QWE, pifuByQuintile(), true,
                "2026-11-24T05:00:00Z");
        assertThat(v.metric()).isEqualTo("pifu_rate");
        assertThat(v.period()).isEqualTo("2026-10");
        assertThat(v.provisional()).isTrue();
        assertThat(v.scope()).isEqualTo(new Scope("QWE", null, null, null));
        assertThat(v.breakdown()).isEqualTo("imd_quintile");
        assertThat(v.updatedAt()).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(v.inequality()).isNull();
        assertThat(v.groups()).extracting(GroupValue::group).containsExactly("1", "2", "3", "4", "5", "unknown");
        assertThat(v.groups().get(0).label()).isEqualTo("Most deprived 20%");
        assertThat(v.groups().get(4).label()).isEqualTo("Least deprived 20%");
    }

    @Test
    void valuesAreHundredTimesNumeratorOverDenominatorWithWilsonIntervals() {
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", QWE, pifuByQuintile(), false,
                "2026-11-24T05:00:00Z");
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
        MetricCounts counts = new MetricCounts();
        TestEvents.addPifuGroup(counts, 3, 65, 100);
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", Scope.ENGLAND, counts, false,
                "x");
        GroupValue q2 = v.groups().get(1);
        assertThat(q2.value()).isCloseTo(65.0, within(1e-9));
        assertThat(q2.lower()).isCloseTo(55.2544, within(1e-4));
        assertThat(q2.upper()).isCloseTo(73.6358, within(1e-4));
    }

    @Test
    void groupsAreComparedWithTheOverallByTheFingertipsRule() {
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", QWE, pifuByQuintile(), false,
                "x");
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
        MetricCounts counts = new MetricCounts();
        // White: 30 DNA of 300 appointments; Black: 60 DNA of 200; nobody else
        for (int i = 0; i < 300; i++) {
            OutpatientEvent e = i < 30 ? TestEvents.dna(5, "A")
                    : TestEvents.attended(org.core20monitor.core.event.Outcome.FOLLOW_UP, 5, "B");
            counts.add(e, TestEvents.profile(e));
        }
        for (int i = 0; i < 200; i++) {
            OutpatientEvent e = i < 60 ? TestEvents.dna(5, "M")
                    : TestEvents.attended(org.core20monitor.core.event.Outcome.DISCHARGED, 5, "P");
            counts.add(e, TestEvents.profile(e));
        }
        View v = ViewBuilder.build(Metric.DNA_RATE, Breakdown.ETHNICITY_GROUP, "2026-10", Scope.ENGLAND, counts,
                false, "x");
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
                });
    }

    @Test
    void breakdownNoneHasOnlyTheOverall() {
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.NONE, "2026-10", Scope.ENGLAND, pifuByQuintile(), false,
                "x");
        assertThat(v.breakdown()).isEqualTo("none");
        assertThat(v.groups()).isEmpty();
        assertThat(v.overall().numerator()).isEqualTo(260);
        assertThat(v.overall().denominator()).isEqualTo(2500);
    }

    @Test
    void emptyCountsGiveNullValuesEverywhere() {
        View v = ViewBuilder.build(Metric.DISCHARGE_RATE, Breakdown.IMD_QUINTILE, "2026-10", Scope.ENGLAND,
                new MetricCounts(), false, "x");
        assertThat(v.overall().value()).isNull();
        assertThat(v.overall().numerator()).isZero();
        assertThat(v.overall().denominator()).isZero();
        assertThat(v.groups()).hasSize(6).allSatisfy(g -> {
            assertThat(g.value()).isNull();
            assertThat(g.lower()).isNull();
            assertThat(g.upper()).isNull();
            assertThat(g.vsOverall()).isNull();
        });
    }

    @Test
    void zeroAndFullProportionsHaveIntervalsTouchingTheBounds() {
        MetricCounts counts = new MetricCounts();
        TestEvents.addPifuGroup(counts, 1, 0, 40);   // 0%
        TestEvents.addPifuGroup(counts, 10, 40, 40); // 100%
        View v = ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", Scope.ENGLAND, counts, false,
                "x");
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
}
