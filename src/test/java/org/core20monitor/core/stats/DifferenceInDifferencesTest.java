package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DifferenceInDifferencesTest {

    @Test
    void changeAndIntervalFromTheTwoGapsIntervals() {
        // before: −2.0 (−3.96 to −0.04), SE 1.0; after: −6.0 (−8.94 to −3.06), SE 1.5
        Interval before = new Interval(-2 - 1.959963984540054, -2 + 1.959963984540054);
        Interval after = new Interval(-6 - 1.5 * 1.959963984540054, -6 + 1.5 * 1.959963984540054);
        DifferenceInDifferences.Result r = DifferenceInDifferences.of(-2, before, -6, after);
        double se = Math.sqrt(1 + 2.25);
        assertThat(r.change()).isEqualTo(-4.0);
        assertThat(r.lower()).isCloseTo(-4 - 1.959963984540054 * se, within(1e-12));
        assertThat(r.upper()).isCloseTo(-4 + 1.959963984540054 * se, within(1e-12));
        assertThat(r.upper()).isCloseTo(-0.466, within(0.001));
        assertThat(r.significant()).isTrue();
        assertThat(DifferenceInDifferences.widened(-2, -6, r)).isTrue();
    }

    @Test
    void aNarrowingOrAChanceChangeIsNotWidening() {
        Interval tight = new Interval(-0.5, 0.5);
        DifferenceInDifferences.Result narrower = DifferenceInDifferences.of(-6, tight, -2, tight);
        assertThat(narrower.significant()).isTrue();
        assertThat(DifferenceInDifferences.widened(-6, -2, narrower)).isFalse();
        Interval wide = new Interval(-5, 5);
        DifferenceInDifferences.Result chance = DifferenceInDifferences.of(-2, wide, -4, wide);
        assertThat(chance.significant()).isFalse();
        assertThat(DifferenceInDifferences.widened(-2, -4, chance)).isFalse();
        // crossed zero and larger on the other side
        DifferenceInDifferences.Result crossed = DifferenceInDifferences.of(-1, tight, 4, tight);
        assertThat(DifferenceInDifferences.widened(-1, 4, crossed)).isTrue();
    }
}
