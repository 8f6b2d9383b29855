package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.core20monitor.core.TestCells;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.report.Narrative;
import org.junit.jupiter.api.Test;

/**
 * The gap in patients and the population attributable risk as views carry them, against the hand
 * calculation: quintiles 1–5 moved 30, 40, 45, 50 and 60 of 1,000 attendances each to PIFU.
 */
class GapInPatientsViewTest {

    private static final Scope QWE = Scope.icb("QWE");

    private static View view(long[] pifu, long[] attended) {
        return ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", QWE,
                TestCells.of(PifuCells.cell(pifu, attended).snapshot("2026-10", QWE)));
    }

    @Test
    void eachQuintileAgainstTheLeastDeprivedInPatients() {
        View v = view(new long[] {30, 40, 45, 50, 60}, PifuCells.each(1000));
        // 1,000 × (6% − 3%) = 30 more in the most deprived 20%; 1,000 × (6% − 5%) = 10 in quintile 4.
        assertThat(v.groups().get(0).vsReference().patients()).isCloseTo(30.0, within(1e-9));
        assertThat(v.groups().get(3).vsReference().patients()).isCloseTo(10.0, within(1e-9));
        assertThat(v.groups().get(4).vsReference()).as("the reference itself").isNull();
        Inequality.Attributable par = v.inequality().attributable();
        assertThat(par.patients()).isCloseTo(75.0, within(1e-9));
        assertThat(par.risk()).isCloseTo(-1.5, within(1e-9));
        assertThat(par.percent()).isCloseTo(-100.0 / 3, within(1e-9));

        View shown = DisclosureControl.apply(v);
        assertThat(shown.groups().get(0).vsReference().patients()).isEqualTo(30.0);
        assertThat(shown.inequality().attributable().patients()).isEqualTo(75.0);
        assertThat(shown.inequality().attributable().percent()).isEqualTo(-33.3);
        assertThat(shown.inequality().attributable().patientsLower() % 5).as("limits rounded to 5").isZero();

        assertThat(Narrative.gapInPatients(shown, Metric.PIFU_RATE, shown.groups().get(0))).isEqualTo(
                "In October 2026, 30 more patients in the most deprived 20% would have been moved or discharged to "
                        + "PIFU at the rate of the least deprived 20% (95% CI "
                        + Narrative.patientsRange(shown.groups().get(0).vsReference().patientsLower(),
                        shown.groups().get(0).vsReference().patientsUpper()) + ").");
        assertThat(Narrative.attributable(shown, Metric.PIFU_RATE)).startsWith(
                "If every quintile had the rate of the least deprived 20%, 75 more patients would have been moved or "
                        + "discharged to PIFU (95% CI 15 to 145 more) in October 2026, and the overall value would be "
                        + "1.5 percentage points higher");
    }

    @Test
    void aSmallGapInPatientsIsHiddenLikeACountAndRoundedOtherwise() {
        // 1,000 × (6.0% − 5.7%) = 3 patients: hidden; 1,000 × (6.0% − 4.8%) = 12: shown as 10.
        View v = DisclosureControl.apply(view(new long[] {57, 48, 50, 50, 60}, PifuCells.each(1000)));
        assertThat(v.groups().get(0).vsReference().patients()).isNull();
        assertThat(v.groups().get(0).vsReference().patientsLower()).isNull();
        assertThat(v.groups().get(1).vsReference().patients()).isEqualTo(10.0);
        assertThat(Narrative.gapInPatients(v, Metric.PIFU_RATE, v.groups().get(0)))
                .contains("fewer than 8 patients either way in the most deprived 20%");
        assertThat(DisclosureControl.patients(-12.4)).isEqualTo(-10.0);
        assertThat(DisclosureControl.patients(-7.4)).isNull();
        assertThat(DisclosureControl.patients(0.4)).isEqualTo(0.0);
        assertThat(DisclosureControl.patients(-0.3)).as("zero, not minus zero").isEqualTo(0.0);
    }

    @Test
    void aHiddenReferenceHidesEveryGapInPatientsAndTheAttributableRisk() {
        // Quintile 5 has 5 attendances: its rate is hidden, and so is everything measured against it.
        View v = DisclosureControl.apply(view(new long[] {30, 40, 45, 50, 1}, new long[] {1000, 1000, 1000, 1000, 5}));
        assertThat(v.groups()).allSatisfy(g -> assertThat(g.vsReference()).isNull());
        assertThat(v.inequality().attributable()).isNull();
        assertThat(Narrative.attributable(v, Metric.PIFU_RATE)).isNull();
    }
}
