package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The log (Katz) method, checked against values worked by hand. */
class RatioIntervalTest {

    private static final double Z = WilsonInterval.Z95;

    @Test
    void ratioOfProportionsByHand() {
        // 30/100 vs 15/100: ratio 2, SE = √(1/30 − 1/100 + 1/15 − 1/100) = √0.08 = 0.282843
        double se = Math.sqrt(1.0 / 30 - 1.0 / 100 + 1.0 / 15 - 1.0 / 100);
        assertThat(se).isCloseTo(0.282843, within(1e-6));
        Interval ci = RatioInterval.ratioOfProportions(30, 100, 15, 100, Z);
        assertThat(ci.lower()).isCloseTo(Math.exp(Math.log(2) - Z * se), within(1e-12));
        assertThat(ci.upper()).isCloseTo(Math.exp(Math.log(2) + Z * se), within(1e-12));
        // exp(0.693147 ∓ 0.554365) = 1.1489 and 3.4817
        assertThat(ci.lower()).isCloseTo(1.1489, within(1e-4));
        assertThat(ci.upper()).isCloseTo(3.4817, within(1e-4));
    }

    @Test
    void ratioOfProportionsIsSymmetricOnTheLogScale() {
        Interval ab = RatioInterval.ratioOfProportions(12, 80, 40, 90, Z);
        Interval ba = RatioInterval.ratioOfProportions(40, 90, 12, 80, Z);
        assertThat(ba.lower()).isCloseTo(1 / ab.upper(), within(1e-12));
        assertThat(ba.upper()).isCloseTo(1 / ab.lower(), within(1e-12));
        double ratio = (12 / 80.0) / (40 / 90.0);
        assertThat(Math.sqrt(ab.lower() * ab.upper())).isCloseTo(ratio, within(1e-12));
    }

    @Test
    void ratioOfRatesByHand() {
        // 40 per 200 vs 25 per 250: rates 20 and 10 per 100, ratio 2, SE = √(1/40 + 1/25) = √0.065
        double se = Math.sqrt(0.065);
        Interval ci = RatioInterval.ratioOfRates(40, 200, 25, 250, Z);
        assertThat(ci.lower()).isCloseTo(2 * Math.exp(-Z * se), within(1e-12));
        assertThat(ci.upper()).isCloseTo(2 * Math.exp(Z * se), within(1e-12));
        // exp(±1.959964 × 0.254951) = exp(±0.499695): 1.2134 and 3.2964
        assertThat(ci.lower()).isCloseTo(1.2134, within(1e-4));
        assertThat(ci.upper()).isCloseTo(3.2964, within(1e-4));
    }

    @Test
    void aZeroCountHasNoInterval() {
        assertThat(RatioInterval.ratioOfProportions(0, 100, 15, 100, Z)).isNull();
        assertThat(RatioInterval.ratioOfProportions(15, 100, 0, 100, Z)).isNull();
        assertThat(RatioInterval.ratioOfRates(0, 100, 15, 100, Z)).isNull();
        assertThat(RatioInterval.ratioOfRates(15, 100, 0, 100, Z)).isNull();
    }

    @Test
    void allOfBothCollapsesToThePoint() {
        // x = n in both: SE = 0, so the interval is the ratio 1 itself
        Interval ci = RatioInterval.ratioOfProportions(10, 10, 20, 20, Z);
        assertThat(ci.lower()).isCloseTo(1.0, within(1e-12));
        assertThat(ci.upper()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void badInputThrows() {
        assertThatThrownBy(() -> RatioInterval.ratioOfProportions(11, 10, 1, 10, Z))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatioInterval.ratioOfProportions(1, 0, 1, 10, Z))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatioInterval.ratioOfRates(-1, 10, 1, 10, Z))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatioInterval.ratioOfRates(1, 0, 1, 10, Z))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
