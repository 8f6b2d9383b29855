package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Newcombe's hybrid score interval: his published examples and a computation from the Wilson limits. */
class NewcombeTest {

    /** Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10, to 4 decimal places. */
    @ParameterizedTest(name = "{0}/{1} − {2}/{3} → {4} to {5}")
    @CsvSource({
            "56, 70, 48, 80, 0.0524, 0.3339",
            "9, 10, 3, 10, 0.1705, 0.8090",
            "6, 7, 2, 7, 0.0582, 0.8062",
            "5, 56, 0, 29, -0.0381, 0.1926",
            "0, 10, 0, 20, -0.1611, 0.2775",
            "0, 10, 0, 10, -0.2775, 0.2775",
            "10, 10, 0, 20, 0.6791, 1.0000",
            "10, 10, 0, 10, 0.6075, 1.0000"})
    void publishedExamples(long x1, long n1, long x2, long n2, double lower, double upper) {
        Interval ci = Newcombe.differenceOfProportions95(x1, n1, x2, n2);
        assertThat(ci.lower()).isCloseTo(lower, within(5e-5));
        assertThat(ci.upper()).isCloseTo(upper, within(5e-5));
    }

    @Test
    void fromTheWilsonLimitsByHand() {
        // 30/100 vs 15/100. Wilson 95%: 0.218949–0.395849 and 0.093060–0.232836 (WilsonIntervalTest
        // checks Wilson itself); d = 0.15.
        Interval w1 = WilsonInterval.of95(30, 100);
        Interval w2 = WilsonInterval.of95(15, 100);
        double lower = 0.15 - Math.sqrt(Math.pow(0.30 - w1.lower(), 2) + Math.pow(w2.upper() - 0.15, 2));
        double upper = 0.15 + Math.sqrt(Math.pow(w1.upper() - 0.30, 2) + Math.pow(0.15 - w2.lower(), 2));
        Interval ci = Newcombe.differenceOfProportions(30, 100, 15, 100, WilsonInterval.Z95);
        assertThat(ci.lower()).isCloseTo(lower, within(1e-12));
        assertThat(ci.upper()).isCloseTo(upper, within(1e-12));
        // and the numbers themselves, worked separately from the Wilson limits above
        assertThat(ci.lower()).isCloseTo(0.0341, within(1e-4));
        assertThat(ci.upper()).isCloseTo(0.2615, within(1e-4));
    }

    @Test
    void swappingTheGroupsNegatesTheInterval() {
        Interval ab = Newcombe.differenceOfProportions95(17, 43, 80, 120);
        Interval ba = Newcombe.differenceOfProportions95(80, 120, 17, 43);
        assertThat(ba.lower()).isCloseTo(-ab.upper(), within(1e-12));
        assertThat(ba.upper()).isCloseTo(-ab.lower(), within(1e-12));
    }

    @Test
    void impossibleProportionThrows() {
        assertThatThrownBy(() -> Newcombe.differenceOfProportions95(5, 4, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Newcombe.differenceOfProportions95(1, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
