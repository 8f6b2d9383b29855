package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupComparisonTest {

    private static final double Z = 1.959963984540054;

    @Test
    void proportionsInPercentagePoints() {
        // Newcombe's example (a): 80% vs 60%, difference 20 points, interval 5.24 to 33.39
        GroupComparison c = GroupComparison.ofProportions(56, 70, 48, 80, 100);
        assertThat(c.value()).isCloseTo(80.0, within(1e-12));
        assertThat(c.referenceValue()).isCloseTo(60.0, within(1e-12));
        assertThat(c.difference()).isCloseTo(20.0, within(1e-12));
        assertThat(c.differenceInterval().lower()).isCloseTo(5.24, within(0.005));
        assertThat(c.differenceInterval().upper()).isCloseTo(33.39, within(0.005));
        assertThat(c.differenceSignificant()).isTrue();
        // ratio 4/3, SE = √(1/56 − 1/70 + 1/48 − 1/80) = √0.011905 = 0.109109
        double se = Math.sqrt(1.0 / 56 - 1.0 / 70 + 1.0 / 48 - 1.0 / 80);
        assertThat(c.ratio()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(c.ratioInterval().lower()).isCloseTo(4.0 / 3 * Math.exp(-Z * se), within(1e-9));
        assertThat(c.ratioInterval().upper()).isCloseTo(4.0 / 3 * Math.exp(Z * se), within(1e-9));
        assertThat(c.ratioInterval().lower()).isCloseTo(1.0766, within(1e-4));
        assertThat(c.ratioSignificant()).isTrue();
        assertThat(c.differenceMethod()).isEqualTo(GroupComparison.NEWCOMBE);
        assertThat(c.ratioMethod()).isEqualTo(GroupComparison.LOG_METHOD);
    }

    @Test
    void similarProportionsAreNotSignificant() {
        GroupComparison c = GroupComparison.ofProportions(10, 100, 12, 100, 100);
        assertThat(c.difference()).isCloseTo(-2.0, within(1e-12));
        assertThat(c.differenceInterval().contains(0)).isTrue();
        assertThat(c.differenceSignificant()).isFalse();
        assertThat(c.ratioInterval().contains(1)).isTrue();
        assertThat(c.ratioSignificant()).isFalse();
    }

    @Test
    void zeroCountHasADifferenceButNoRatioInterval() {
        GroupComparison c = GroupComparison.ofProportions(0, 50, 10, 100, 1);
        assertThat(c.ratio()).isEqualTo(0.0);
        assertThat(c.ratioInterval()).isNull();
        assertThat(c.ratioSignificant()).isFalse();
        assertThat(c.differenceInterval()).isEqualTo(Newcombe.differenceOfProportions(0, 50, 10, 100, Z));
        GroupComparison refZero = GroupComparison.ofProportions(3, 50, 0, 100, 1);
        assertThat(refZero.ratio()).isNull();
        assertThat(refZero.ratioInterval()).isNull();
    }

    @Test
    void ratesUseByarSesForTheDifferenceAndTheLogMethodForTheRatio() {
        // 40 per 200 vs 25 per 250, per 100: 20 vs 10
        GroupComparison c = GroupComparison.ofRates(40, 200, 25, 250, 100);
        assertThat(c.value()).isCloseTo(20.0, within(1e-12));
        assertThat(c.referenceValue()).isCloseTo(10.0, within(1e-12));
        Interval own = ByarInterval.of95(40).scaled(100.0 / 200);
        Interval ref = ByarInterval.of95(25).scaled(100.0 / 250);
        double se1 = (own.upper() - own.lower()) / (2 * Z);
        double se2 = (ref.upper() - ref.lower()) / (2 * Z);
        double half = Z * Math.sqrt(se1 * se1 + se2 * se2);
        assertThat(c.differenceInterval().lower()).isCloseTo(10 - half, within(1e-9));
        assertThat(c.differenceInterval().upper()).isCloseTo(10 + half, within(1e-9));
        assertThat(c.differenceSignificant()).isTrue();
        assertThat(c.ratio()).isCloseTo(2.0, within(1e-12));
        assertThat(c.ratioInterval()).isEqualTo(RatioInterval.ratioOfRates(40, 200, 25, 250, Z));
        assertThat(c.ratioSignificant()).isTrue();
        assertThat(c.differenceMethod()).isEqualTo(GroupComparison.NORMAL_ON_BYAR);
    }

    @Test
    void byarSesApproachThePoissonSeForLargeCounts() {
        // SE of x/d × 100 for a Poisson count is √x/d × 100: 0.316228 and 0.2. Byar's upper limit is
        // built on O + 1, which keeps its width about 0.4% above the plain Poisson one at these counts.
        GroupComparison c = GroupComparison.ofRates(4000, 20000, 2500, 25000, 100);
        double poissonHalf = Z * Math.sqrt(0.316228 * 0.316228 + 0.2 * 0.2);
        double half = (c.differenceInterval().upper() - c.differenceInterval().lower()) / 2;
        assertThat(half).isCloseTo(poissonHalf, within(0.01 * poissonHalf));
        assertThat(c.difference()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void ratiosWithMultiplierOne() {
        // follow-ups per first: 130 per 100 vs 150 per 100
        GroupComparison c = GroupComparison.ofRates(130, 100, 150, 100, 1);
        assertThat(c.value()).isCloseTo(1.3, within(1e-12));
        assertThat(c.difference()).isCloseTo(-0.2, within(1e-12));
        assertThat(c.ratio()).isCloseTo(1.3 / 1.5, within(1e-12));
        assertThat(c.ratioSignificant()).isFalse();
    }

    @Test
    void badInputThrows() {
        assertThatThrownBy(() -> GroupComparison.ofProportions(1, 0, 1, 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GroupComparison.ofRates(1, 0, 1, 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
