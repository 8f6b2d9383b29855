package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateIntervalTest {

    @Test
    void per100ScalesTheByarIntervalOnTheNumerator() {
        // 65 advice requests per 250 firsts = 26 per 100; Byar 50.163–82.849 × 100/250
        Interval ci = RateInterval.per100(65, 250);
        assertThat(ci.lower()).isCloseTo(50.163 * 0.4, within(1e-3));
        assertThat(ci.upper()).isCloseTo(82.849 * 0.4, within(1e-3));
        assertThat(ci.contains(26.0)).isTrue();
    }

    @Test
    void ratioDividesByTheDenominatorOnly() {
        // 65 follow-ups per 50 firsts = 1.3
        Interval ci = RateInterval.ratio(65, 50);
        assertThat(ci.lower()).isCloseTo(50.163 / 50, within(1e-5));
        assertThat(ci.upper()).isCloseTo(82.849 / 50, within(1e-5));
        assertThat(RateInterval.of(65, 50, 1, WilsonInterval.Z95)).isEqualTo(ci);
    }

    @Test
    void zeroNumeratorStillHasAnUpperLimit() {
        Interval ci = RateInterval.per100(0, 100);
        assertThat(ci.lower()).isEqualTo(0.0);
        assertThat(ci.upper()).isCloseTo(3.6680, within(1e-4));
    }

    @Test
    void nonPositiveDenominatorThrows() {
        assertThatThrownBy(() -> RateInterval.per100(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateInterval.ratio(1, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateInterval.ratio(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
