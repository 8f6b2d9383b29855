package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** Byar's interval: the SPEC §6 golden value, hand-worked edges and the exact Poisson interval it approximates. */
class ByarIntervalTest {

    @Test
    void goldenValueFromPheIndicatorMethods() {
        Interval ci = ByarInterval.of95(65);
        assertThat(ci.lower()).isCloseTo(50.163, within(5e-4));
        assertThat(ci.upper()).isCloseTo(82.849, within(5e-4));
        assertThat(ByarInterval.of(65, WilsonInterval.Z95)).isEqualTo(ci);
    }

    @Test
    void zeroCountHasLowerLimitZeroAndUpperFromTheFormula() {
        Interval ci = ByarInterval.of95(0);
        assertThat(ci.lower()).isEqualTo(0.0);
        // (0 + 1)·(1 − 1/9 + z/3)³ worked by hand: (0.888889 + 0.653321)³ = 3.6680
        assertThat(ci.upper()).isCloseTo(3.6680, within(1e-4));
    }

    @Test
    void lowerLimitNeverNegative() {
        // O = 1 at 99.8%: 1 − 1/9 − 3.090232/3 = −0.141 → the cube is negative, floored at 0
        assertThat(ByarInterval.of(1, WilsonInterval.z(0.998)).lower()).isEqualTo(0.0);
        assertThat(ByarInterval.of(1, WilsonInterval.Z95).lower()).isGreaterThan(0.0);
    }

    /** The exact (Garwood) Poisson interval from chi-squared quantiles, which Byar approximates. */
    static double[] exactPoisson(long o, double confidence) {
        double alpha = 1 - confidence;
        double lower = o == 0 ? 0 : new ChiSquaredDistribution(2.0 * o).inverseCumulativeProbability(alpha / 2) / 2;
        double upper = new ChiSquaredDistribution(2.0 * o + 2).inverseCumulativeProbability(1 - alpha / 2) / 2;
        return new double[] {lower, upper};
    }

    @Test
    void closeToTheExactPoissonInterval() {
        for (long o : new long[] {1, 2, 5, 10, 20, 65, 100, 1000, 12345}) {
            Interval ci = ByarInterval.of95(o);
            double[] exact = exactPoisson(o, 0.95);
            // Byar is within about 1% of the exact limits from small counts up, and closer as O grows
            double tolerance = o < 10 ? 0.02 : 0.002;
            assertThat(ci.lower()).as("lower at %d", o).isCloseTo(exact[0], within(tolerance * exact[1]));
            assertThat(ci.upper()).as("upper at %d", o).isCloseTo(exact[1], within(tolerance * exact[1]));
            assertThat(ci.contains(o)).isTrue();
        }
    }

    @Test
    void negativeCountThrows() {
        assertThatThrownBy(() -> ByarInterval.of95(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
