package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.junit.jupiter.api.Test;

/**
 * Trajectories by Core20 against the PIFU target of 5% by March 2027, over the 12 months to October
 * 2026. In month i (0 = November 2025) Core20 moved 20 + i of 1,000 attendances to PIFU, (2.0 + 0.1i)%,
 * and each other quintile 25 + 2i of 1,000, (2.5 + 0.2i)%. By hand: Core20 is at 3.1% in October and
 * needs (5 − 3.1) / 0.1 = 19 more months, May 2028, after the target date; the rest is at 4.7% and
 * needs 0.3 / 0.2 = 1.5, so two months, December 2026. Core20 is 17 months later: flagged.
 */
class TrajectoriesTest {

    private static final Scope QWE = Scope.icb("QWE");

    private static TestCells cells(int core20Start, int core20Step, int restStart, int restStep) {
        TestCells cells = new TestCells();
        int first = Periods.monthIndex("2025-11");
        for (int i = 0; i < 12; i++) {
            long core20 = core20Start + (long) core20Step * i;
            long rest = restStart + (long) restStep * i;
            String period = Periods.period(first + i);
            cells.put(PifuCells.cell(new long[] {core20, rest, rest, rest, rest}, PifuCells.each(1000))
                    .snapshot(period, QWE));
        }
        return cells;
    }

    private static Trajectories.Group group(Trajectories t, String key) {
        return t.groups().stream().filter(g -> g.group().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aFlatterCore20TrendReachesTheTargetLaterAndIsFlagged() {
        Trajectories t = Trajectories.build(Metric.PIFU_RATE, Breakdown.CORE20, QWE, "2026-10", YearMonth.of(2027, 3),
                cells(20, 1, 25, 2));
        assertThat(t.months()).hasSize(12).startsWith("2025-11").endsWith("2026-10");
        Trajectories.Group core20 = group(t, "core20");
        assertThat(core20.values().get(11)).isEqualTo(3.1);
        assertThat(core20.slopePerMonth()).isEqualTo(0.1);
        assertThat(core20.status()).isEqualTo("REACHES");
        assertThat(core20.reaches()).isEqualTo("2028-05");
        assertThat(core20.onTime()).isFalse();
        assertThat(core20.summary()).isEqualTo("Core20 (most deprived 20%): on the current trend, reaches the 5% "
                + "target in May 2028, after the target date (March 2027).");
        Trajectories.Group rest = group(t, "rest");
        assertThat(rest.reaches()).isEqualTo("2026-12");
        assertThat(rest.onTime()).isTrue();
        // The SPC baseline of a straight line 2.5, 2.7, … 4.7: mean 3.6, moving range 0.2 → 3.6 ± 0.532.
        assertThat(rest.baselineMean()).isEqualTo(3.6);
        assertThat(rest.baselineUpper()).isEqualTo(4.1);
        // A perfect line has no scatter: the prediction interval is the line itself.
        assertThat(core20.projection().get(0).period()).isEqualTo("2026-11");
        assertThat(core20.projection().get(0).value()).isCloseTo(3.2, within(1e-9));
        assertThat(core20.projection().get(0).lower()).isCloseTo(3.2, within(1e-9));
        assertThat(core20.projection()).hasSize(Trajectories.MAX_AHEAD > 19 ? 19 : Trajectories.MAX_AHEAD);

        assertThat(t.flags()).singleElement().satisfies(f -> {
            assertThat(f.group()).isEqualTo("core20");
            assertThat(f.text()).isEqualTo("For the most deprived 20% (Core20), the 5% target is projected to be reached "
                    + "in May 2028, 17 months later than for everyone else (December 2026).");
        });
    }

    @Test
    void aGroupOffCourseWhileTheRestMeetsTheTargetIsFlagged() {
        // Core20 flat at 3%; the rest from 4.0% rising 0.2 a month, at 6.2% in October.
        Trajectories t = Trajectories.build(Metric.PIFU_RATE, Breakdown.CORE20, QWE, "2026-10", YearMonth.of(2027, 3),
                cells(30, 0, 40, 2));
        assertThat(group(t, "core20").status()).isEqualTo("NOT_ON_TREND");
        assertThat(group(t, "rest").status()).isEqualTo("MEETING");
        assertThat(t.flags()).singleElement().satisfies(f -> assertThat(f.text()).isEqualTo(
                "For the most deprived 20% (Core20), the 5% target is not reached on the current trend; for everyone "
                        + "else it is already met."));
    }

    private static Trajectories.Group g(String status, String reaches) {
        return new Trajectories.Group("g", "G", java.util.List.of(), null, null, null, status, null, java.util.List.of(),
                reaches, false, java.util.List.of(), null);
    }

    @Test
    void slippingBelowATargetTheReferenceKeepsIsBehindAndAReferenceThatMeetsItNowCounts() {
        // Slipping while the reference keeps meeting the target: behind.
        assertThat(Trajectories.later(g("SLIPPING", "2026-10"), g("MEETING", "2026-10"))).isTrue();
        // Not on course while the reference meets it now but slips: still behind.
        assertThat(Trajectories.later(g("NOT_ON_TREND", null), g("SLIPPING", "2026-10"))).isTrue();
        // Meeting it while the reference slips, or both slipping: not behind.
        assertThat(Trajectories.later(g("MEETING", "2026-10"), g("SLIPPING", "2026-10"))).isFalse();
        assertThat(Trajectories.later(g("SLIPPING", "2026-10"), g("SLIPPING", "2026-10"))).isFalse();
        // Neither on course: no one is behind on this measure; too few months: no judgement.
        assertThat(Trajectories.later(g("NOT_ON_TREND", null), g("NOT_ON_TREND", null))).isFalse();
        assertThat(Trajectories.later(g("NOT_ENOUGH_DATA", null), g("MEETING", "2026-10"))).isFalse();
        assertThat(org.core20monitor.core.report.Narrative.laterThan(Metric.PIFU_RATE, "the most deprived 20% (Core20)",
                "SLIPPING", "2026-10", "everyone else", "MEETING", "2026-10", "2027-03")).isEqualTo(
                "For the most deprived 20% (Core20), the 5% target is met now but, on the current trend, not in March "
                        + "2027; for everyone else it is already met.");
    }

    @Test
    void noFlagWhenTheMostDeprivedAreNotBehind() {
        Trajectories t = Trajectories.build(Metric.PIFU_RATE, Breakdown.CORE20, QWE, "2026-10", YearMonth.of(2027, 3),
                cells(25, 2, 20, 1));
        assertThat(t.flags()).isEmpty();
        assertThat(Trajectories.build(Metric.DISCHARGE_RATE, Breakdown.CORE20, QWE, "2026-10", YearMonth.of(2027, 3),
                cells(25, 2, 20, 1))).as("no national target").isNull();
    }

    @Test
    void byQuintileOnlyTheMostDeprivedIsWatched() {
        Trajectories t = Trajectories.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, QWE, "2026-10",
                YearMonth.of(2027, 3), cells(20, 1, 25, 2));
        assertThat(t.groups()).extracting(Trajectories.Group::group).containsExactly("all", "1", "2", "3", "4", "5");
        assertThat(t.flags()).extracting(Trajectories.Flag::group).containsExactly("1");
    }
}
