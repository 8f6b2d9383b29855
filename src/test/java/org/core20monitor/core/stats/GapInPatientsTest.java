package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The gap in patients and the population attributable risk against hand-worked examples; the
 * interval limits were worked with Wilson's formula and Newcombe's hybrid score method written out
 * on their own (p ± z√(p(1−p)/n + z²/4n²) over 1 + z²/n; d ∓ √((p₁ − l₁)² + (u₂ − p₂)²)).
 */
class GapInPatientsTest {

    @Test
    void aGroupBelowItsReferenceRateWouldHaveHadMorePatientsWithTheOutcome() {
        // 40 of 1,000 (4%) against 60 of 1,000 (6%): 1,000 × (6% − 4%) = 20 more patients.
        GroupComparison c = GroupComparison.ofProportions(40, 1000, 60, 1000, 100);
        GapInPatients.Patients p = GapInPatients.of(c, 1000, 100);
        assertThat(p.patients()).isCloseTo(20.0, within(1e-9));
        assertThat(p.lower()).isCloseTo(0.8173892, within(1e-6));
        assertThat(p.upper()).isCloseTo(39.5273136, within(1e-6));
    }

    @Test
    void aGroupAboveItsReferenceRateGivesFewer() {
        GroupComparison c = GroupComparison.ofProportions(60, 1000, 40, 1000, 100);
        GapInPatients.Patients p = GapInPatients.of(c, 1000, 100);
        assertThat(p.patients()).isCloseTo(-20.0, within(1e-9));
        assertThat(p.lower()).isLessThan(p.patients());
        assertThat(p.upper()).isGreaterThan(p.patients()).isLessThan(0);
    }

    @Test
    void ratesPer100CountEventsNotPatients() {
        // 12 advice requests per 100 first attendances over 500 firsts, against 16 per 100:
        // 500 × (0.16 − 0.12) = 20 more requests; the interval is the rate difference's, times 500/100.
        GroupComparison c = GroupComparison.ofRates(60, 500, 160, 1000, 100);
        GapInPatients.Patients p = GapInPatients.of(c, 500, 100);
        assertThat(p.patients()).isCloseTo(20.0, within(1e-9));
        assertThat(p.lower()).isCloseTo(-5 * c.differenceInterval().upper(), within(1e-9));
        assertThat(p.upper()).isCloseTo(-5 * c.differenceInterval().lower(), within(1e-9));
    }

    @Test
    void theAttributableRiskPoolsTheQuantilesBelowTheLeastDeprived() {
        // Quintiles 1–4: 30, 40, 45, 50 of 1,000 each (165 of 4,000, 4.125%); quintile 5: 60 of 1,000 (6%).
        // At 6%, quintiles 1–4 would have had 240: 75 more. Overall 225 of 5,000 = 4.5%, so the
        // PAR is 4.5 − 6 = −1.5 points, −33.3% of the overall rate.
        GroupComparison pooled = GroupComparison.ofProportions(165, 4000, 60, 1000, 100);
        GapInPatients.AttributableRisk par = GapInPatients.attributable(pooled, 4000, 1000, 100);
        assertThat(par.patients().patients()).isCloseTo(75.0, within(1e-9));
        assertThat(par.patients().lower()).isCloseTo(16.2843200, within(1e-6));
        assertThat(par.patients().upper()).isCloseTo(144.7643939, within(1e-6));
        assertThat(par.risk()).isCloseTo(-1.5, within(1e-9));
        assertThat(par.riskLower()).isCloseTo(-2.8952879, within(1e-6));
        assertThat(par.riskUpper()).isCloseTo(-0.3256864, within(1e-6));
        assertThat(par.percent()).isCloseTo(-100.0 / 3, within(1e-9));
        assertThat(par.percentLower()).isCloseTo(-64.3397306, within(1e-6));
        assertThat(par.percentUpper()).isCloseTo(-7.2374756, within(1e-6));
    }

    @Test
    void thePatientsOfTheAttributableRiskAreTheSumOfEachQuantilesGapAtTheSameRate() {
        // Without intervals the two ways must agree exactly: Σ dᵢ (p₅ − pᵢ) = D′ (p₅ − p′).
        long[][] q = {{30, 1000}, {40, 1000}, {45, 1000}, {50, 1000}};
        double sum = 0;
        for (long[] g : q) {
            sum += GapInPatients.of(GroupComparison.ofProportions(g[0], g[1], 60, 1000, 100), g[1], 100).patients();
        }
        GroupComparison pooled = GroupComparison.ofProportions(165, 4000, 60, 1000, 100);
        assertThat(GapInPatients.attributable(pooled, 4000, 1000, 100).patients().patients()).isCloseTo(sum, within(1e-9));
    }
}
