package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Wilson score interval: the golden values of SPEC §6 and a second, independent implementation. */
class WilsonIntervalTest {

    private static final double GOLDEN = 1e-6;

    @ParameterizedTest(name = "{0}/{1} at {2} -> {3} to {4}")
    @CsvSource({
            "65, 100, 0.95, 0.552544, 0.736358",
            "1045, 5000, 0.95, 0.197955, 0.220491",
            "65, 100, 0.998, 0.495495, 0.778354"})
    void goldenValuesFromPheIndicatorMethods(long x, long n, double confidence, double lower, double upper) {
        Interval ci = WilsonInterval.of(x, n, WilsonInterval.z(confidence));
        assertThat(ci.lower()).isCloseTo(lower, within(GOLDEN));
        assertThat(ci.upper()).isCloseTo(upper, within(GOLDEN));
    }

    @Test
    void of95UsesZ95() {
        Interval ci = WilsonInterval.of95(65, 100);
        assertThat(ci.lower()).isCloseTo(0.552544, within(GOLDEN));
        assertThat(ci.upper()).isCloseTo(0.736358, within(GOLDEN));
        assertThat(ci).isEqualTo(WilsonInterval.of(65, 100, WilsonInterval.Z95));
    }

    @Test
    void normalQuantiles() {
        assertThat(WilsonInterval.z(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(WilsonInterval.Z95).isCloseTo(1.959964, within(1e-6));
        assertThat(WilsonInterval.z(0.998)).isCloseTo(3.090232, within(1e-6));
        assertThat(WilsonInterval.z(0.90)).isCloseTo(1.644854, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 5, 17, 100, 5000, 1_000_000})
    void noneOfNHasLowerLimitZero(long n) {
        Interval ci = WilsonInterval.of95(0, n);
        assertThat(ci.lower()).isEqualTo(0.0);
        double z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        // with p̂ = 0 the upper root of the quadratic is z²/(n + z²)
        assertThat(ci.upper()).isCloseTo(z2 / (n + z2), within(1e-12)).isLessThan(1.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 5, 17, 100, 5000, 1_000_000})
    void allOfNHasUpperLimitOne(long n) {
        Interval ci = WilsonInterval.of95(n, n);
        assertThat(ci.upper()).isEqualTo(1.0);
        double z2 = WilsonInterval.Z95 * WilsonInterval.Z95;
        assertThat(ci.lower()).isCloseTo(n / (n + z2), within(1e-12)).isGreaterThan(0.0);
    }

    @Test
    void badInputThrows() {
        assertThatThrownBy(() -> WilsonInterval.of95(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of95(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of95(11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of95(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of95(1, -10)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- an independent implementation

    /**
     * The Wilson interval is the set of p with (p̂ − p)² ≤ z² p(1 − p)/n. The left side minus the right
     * is a convex quadratic in p, negative or zero at p̂, so the set is an interval around p̂ and its
     * ends can be found by bisection without the closed form.
     */
    static double[] wilsonByBisection(long x, long n, double z) {
        double phat = (double) x / n;
        java.util.function.DoubleUnaryOperator g = p -> (phat - p) * (phat - p) - z * z * p * (1 - p) / n;
        double lo = 0;
        double hi = phat; // g(hi) <= 0
        if (g.applyAsDouble(0) <= 0) {
            hi = 0;
        } else {
            for (int i = 0; i < 200; i++) {
                double mid = (lo + hi) / 2;
                if (g.applyAsDouble(mid) <= 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
        double lower = hi;
        lo = phat; // g(lo) <= 0
        hi = 1;
        if (g.applyAsDouble(1) <= 0) {
            lo = 1;
        } else {
            for (int i = 0; i < 200; i++) {
                double mid = (lo + hi) / 2;
                if (g.applyAsDouble(mid) <= 0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        }
        return new double[] {lower, lo};
    }

    @Test
    void bisectionReproducesTheGoldenValues() {
        // so that the grid comparison below is against something known to be right
        double[] a = wilsonByBisection(65, 100, 1.959963984540054);
        assertThat(a[0]).isCloseTo(0.552544, within(GOLDEN));
        assertThat(a[1]).isCloseTo(0.736358, within(GOLDEN));
        double[] b = wilsonByBisection(1045, 5000, 1.959963984540054);
        assertThat(b[0]).isCloseTo(0.197955, within(GOLDEN));
        assertThat(b[1]).isCloseTo(0.220491, within(GOLDEN));
    }

    @Test
    void agreesWithBisectionOverAGrid() {
        long[] ns = {1, 2, 3, 4, 5, 7, 8, 10, 13, 20, 37, 50, 100, 257, 1000, 4321, 100_000};
        double[] zs = {WilsonInterval.Z95, WilsonInterval.z(0.998), WilsonInterval.z(0.90)};
        int compared = 0;
        for (double z : zs) {
            for (long n : ns) {
                long step = Math.max(1, n / 60);
                for (long x = 0; x <= n; x = x + step > n && x < n ? n : x + step) {
                    Interval ci = WilsonInterval.of(x, n, z);
                    double[] expected = wilsonByBisection(x, n, z);
                    assertThat(ci.lower()).as("lower of %d/%d at z=%f", x, n, z).isCloseTo(expected[0], within(1e-9));
                    assertThat(ci.upper()).as("upper of %d/%d at z=%f", x, n, z).isCloseTo(expected[1], within(1e-9));
                    assertThat(ci.lower()).isLessThanOrEqualTo((double) x / n);
                    assertThat(ci.upper()).isGreaterThanOrEqualTo((double) x / n);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @Test
    void widerConfidenceGivesAWiderInterval() {
        Interval i95 = WilsonInterval.of(30, 200, WilsonInterval.z(0.95));
        Interval i998 = WilsonInterval.of(30, 200, WilsonInterval.z(0.998));
        assertThat(i998.lower()).isLessThan(i95.lower());
        assertThat(i998.upper()).isGreaterThan(i95.upper());
    }

    @Test
    void intervalHelpers() {
        Interval ci = new Interval(0.1, 0.2);
        assertThat(ci.scaled(100).lower()).isCloseTo(10.0, within(1e-12));
        assertThat(ci.scaled(100).upper()).isCloseTo(20.0, within(1e-12));
        assertThat(ci.contains(0.1)).isTrue();
        assertThat(ci.contains(0.2)).isTrue();
        assertThat(ci.contains(0.15)).isTrue();
        assertThat(ci.contains(0.0999)).isFalse();
        assertThat(ci.contains(0.2001)).isFalse();
    }
}
