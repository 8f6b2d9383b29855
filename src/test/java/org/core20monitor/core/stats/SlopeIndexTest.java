package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.core20monitor.core.stats.SlopeIndex.Quantile;
import org.core20monitor.core.stats.SlopeIndex.Result;
import org.core20monitor.core.stats.SlopeIndex.Transform;
import org.junit.jupiter.api.Test;

/**
 * SII and RII: the golden values of SPEC §6 (PHEindicatormethods' test data), with quantiles given in
 * the order listed there (quantile 1, the most deprived, first), and constructed cases solved another way.
 */
class SlopeIndexTest {

    private static final double POINT = 1e-4;

    static final double[] DECILE_POP = {7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534};
    static final double[] DECILE_VALUE = {75.9335, 78.3442, 83.8361, 83.6375, 80.4655, 81.1157, 81.6931, 84.1900,
            80.5956, 86.2894};
    static final double[] DECILE_LOWER = {72.7221, 75.2510, 80.8697, 80.1576, 77.1309, 78.0500, 79.0116, 81.4457,
            75.8272, 83.2191};
    static final double[] DECILE_UPPER = {79.1449, 81.4375, 86.8024, 87.1175, 83.8001, 84.1814, 84.3746, 86.9343,
            85.3639, 89.3598};

    static final double[] RATE_POP = {279012, 255993, 236961, 214315, 192812, 183546, 168593, 164822, 154836,
            138165};
    static final double[] RATE_VALUE = {5.89222, 4.73450, 3.82763, 3.86814, 3.67716, 3.14363, 3.12587, 2.94257,
            2.82880, 2.76481};
    static final double[] RATE_LOWER = {5.61496, 4.47592, 3.58693, 3.61408, 3.41670, 2.89772, 2.87049, 2.69240,
            2.57631, 2.50142};
    static final double[] RATE_UPPER = {6.18309, 5.00795, 4.08443, 4.13998, 3.95739, 3.41033, 3.40389, 3.21590,
            3.10596, 3.05585};

    static List<Quantile> quantiles(double[] pop, double[] value, double[] lower, double[] upper, int count) {
        List<Quantile> q = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            q.add(new Quantile(pop[i], value[i], lower[i], upper[i]));
        }
        return q;
    }

    @Test
    void goldenTenDecilesUntransformed() {
        Result r = SlopeIndex.compute(quantiles(DECILE_POP, DECILE_VALUE, DECILE_LOWER, DECILE_UPPER, 10),
                Transform.NONE, 100);
        assertThat(r.sii()).isCloseTo(6.93462, within(POINT));
        assertThat(r.rii()).isCloseTo(1.08882, within(POINT));
        assertThat(r.siiLower()).isCloseTo(3.13, within(0.05));
        assertThat(r.siiUpper()).isCloseTo(10.76, within(0.05));
        assertThat(r.riiLower()).isLessThan(r.rii());
        assertThat(r.riiUpper()).isGreaterThan(r.rii());
        assertThat(r.transformUsed()).isEqualTo(Transform.NONE);
        assertThat(r.untransformedBecause()).isNull();
    }

    @Test
    void goldenFirstFiveRowsAsQuintiles() {
        Result r = SlopeIndex.compute(quantiles(DECILE_POP, DECILE_VALUE, DECILE_LOWER, DECILE_UPPER, 5),
                Transform.NONE, 100);
        assertThat(r.sii()).isCloseTo(7.91933, within(POINT));
        assertThat(r.rii()).isCloseTo(1.10371, within(POINT));
    }

    @Test
    void goldenTenDecilesLogTransform() {
        Result r = SlopeIndex.compute(quantiles(RATE_POP, RATE_VALUE, RATE_LOWER, RATE_UPPER, 10), Transform.LOG, 1);
        assertThat(r.transformUsed()).isEqualTo(Transform.LOG);
        assertThat(r.sii()).isCloseTo(-3.15591, within(POINT));
        assertThat(r.rii()).isCloseTo(0.441885, within(POINT));
        assertThat(r.siiLower()).isCloseTo(-3.481, within(0.02));
        assertThat(r.siiUpper()).isCloseTo(-2.833, within(0.02));
        assertThat(r.riiLower()).isCloseTo(0.4083, within(0.003));
        assertThat(r.riiUpper()).isCloseTo(0.4786, within(0.003));
    }

    @Test
    void reversingTheOrderFlipsTheOrientation() {
        // Least deprived first would read "most minus least": the golden values need most deprived first.
        List<Quantile> q = quantiles(DECILE_POP, DECILE_VALUE, DECILE_LOWER, DECILE_UPPER, 10);
        Collections.reverse(q);
        Result r = SlopeIndex.compute(q, Transform.NONE, 100);
        assertThat(r.sii()).isCloseTo(-6.93462, within(POINT));
        assertThat(r.rii()).isCloseTo(1 / 1.08882, within(0.01));
        assertThat(r.rii()).isNotCloseTo(1.08882, within(0.1));
    }

    @Test
    void sameSeedSameIntervalOtherSeedSlightlyDifferent() {
        List<Quantile> q = quantiles(RATE_POP, RATE_VALUE, RATE_LOWER, RATE_UPPER, 10);
        Result a = SlopeIndex.compute(q, Transform.LOG, 1, 20_000, 7);
        Result b = SlopeIndex.compute(q, Transform.LOG, 1, 20_000, 7);
        Result c = SlopeIndex.compute(q, Transform.LOG, 1, 20_000, 8);
        assertThat(b).isEqualTo(a);
        assertThat(SlopeIndex.simulate(q, Transform.LOG, 1, 20_000, 7)).as("computed afresh, not remembered").isEqualTo(a);
        assertThat(SlopeIndex.simulate(q, Transform.LOG, 1, 20_000, 8)).isEqualTo(c);
        assertThat(c.sii()).isEqualTo(a.sii());
        assertThat(c.siiLower()).isNotEqualTo(a.siiLower()).isCloseTo(a.siiLower(), within(0.03));
    }

    @Test
    void aRememberedResultIsNotChangedByChangingTheListItCameFrom() {
        List<Quantile> q = new ArrayList<>(quantiles(RATE_POP, RATE_VALUE, RATE_LOWER, RATE_UPPER, 10));
        Result before = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 11);
        q.set(0, new Quantile(RATE_POP[0], 9.5, 9.0, 10.0));
        Result changed = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 11);
        assertThat(changed.sii()).isNotEqualTo(before.sii());
        assertThat(changed).isEqualTo(SlopeIndex.simulate(q, Transform.LOG, 1, 10_000, 11));
    }

    @Test
    void normalDrawsAreTheGeneratorsOwnGaussiansToTheLastPlace() {
        var own = new org.apache.commons.math3.random.Well19937c(20_240_401L);
        var normals = new SlopeIndex.Normals(20_240_401L);
        for (int i = 0; i < 200_000; i++) {
            double expected = own.nextGaussian();
            assertThat(normals.next()).isCloseTo(expected, within(4 * Math.ulp(Math.max(1, Math.abs(expected)))));
        }
    }

    // ---------------------------------------------------------------- constructed cases

    /** Shares a and cumulative midpoints b, computed here the slow way. */
    static double[][] shares(double[] pop) {
        double total = 0;
        for (double p : pop) {
            total += p;
        }
        double[] a = new double[pop.length];
        double[] b = new double[pop.length];
        for (int i = 0; i < pop.length; i++) {
            a[i] = pop[i] / total;
            double before = 0;
            for (int j = 0; j < i; j++) {
                before += pop[j] / total;
            }
            b[i] = before + a[i] / 2;
        }
        return new double[][] {a, b};
    }

    @Test
    void exactlyLinearOnTheLogScaleIsRecovered() {
        double[] pop = {500, 1200, 800, 300, 2000};
        double[][] ab = shares(pop);
        List<Quantile> q = new ArrayList<>();
        for (int i = 0; i < pop.length; i++) {
            double v = Math.exp(1 + 0.5 * ab[1][i]);
            q.add(new Quantile(pop[i], v, v * Math.exp(-0.1), v * Math.exp(0.1)));
        }
        Result r = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 1);
        assertThat(r.intercept()).isCloseTo(1.0, within(1e-12));
        assertThat(r.slope()).isCloseTo(0.5, within(1e-12));
        assertThat(r.sii()).isCloseTo(Math.exp(1.5) - Math.exp(1), within(1e-10));
        assertThat(r.rii()).isCloseTo(Math.exp(0.5), within(1e-12));
    }

    @Test
    void exactlyLinearOnTheLogitScaleIsRecoveredInPercentagePoints() {
        double[] pop = {4000, 3500, 3000, 2500, 2000};
        double[][] ab = shares(pop);
        List<Quantile> q = new ArrayList<>();
        for (int i = 0; i < pop.length; i++) {
            double x = -1 + 2 * ab[1][i];
            double percent = 100 / (1 + Math.exp(-x));
            q.add(new Quantile(pop[i], percent, 100 / (1 + Math.exp(-x + 0.2)), 100 / (1 + Math.exp(-x - 0.2))));
        }
        Result r = SlopeIndex.compute(q, Transform.LOGIT, 100, 10_000, 1);
        assertThat(r.transformUsed()).isEqualTo(Transform.LOGIT);
        assertThat(r.intercept()).isCloseTo(-1.0, within(1e-12));
        assertThat(r.slope()).isCloseTo(2.0, within(1e-12));
        double top = 100 / (1 + Math.exp(-1));
        double bottom = 100 / (1 + Math.exp(1));
        assertThat(r.sii()).isCloseTo(top - bottom, within(1e-10)); // 46.2117 percentage points
        assertThat(r.sii()).isCloseTo(46.2117, within(1e-4));
        assertThat(r.rii()).isCloseTo(top / bottom, within(1e-10)); // = e
        assertThat(r.rii()).isCloseTo(Math.E, within(1e-10));
        // and the same data given as fractions, with scale 1
        List<Quantile> fractions = new ArrayList<>();
        for (Quantile x : q) {
            fractions.add(new Quantile(x.denominator(), x.value() / 100, x.lower() / 100, x.upper() / 100));
        }
        Result f = SlopeIndex.compute(fractions, Transform.LOGIT, 1, 10_000, 1);
        assertThat(f.sii() * 100).isCloseTo(r.sii(), within(1e-10));
        assertThat(f.rii()).isCloseTo(r.rii(), within(1e-10));
    }

    /** Solves the √a-weighted regression through its 2×2 normal equations by Cramer's rule. */
    static double[] normalEquations(double[] pop, double[] y) {
        double[][] ab = shares(pop);
        double s11 = 0, s12 = 0, s22 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < pop.length; i++) {
            double x1 = Math.sqrt(ab[0][i]);
            double x2 = ab[1][i] * Math.sqrt(ab[0][i]);
            double yy = y[i] * Math.sqrt(ab[0][i]);
            s11 += x1 * x1;
            s12 += x1 * x2;
            s22 += x2 * x2;
            t1 += x1 * yy;
            t2 += x2 * yy;
        }
        double det = s11 * s22 - s12 * s12;
        return new double[] {(t1 * s22 - s12 * t2) / det, (s11 * t2 - s12 * t1) / det};
    }

    @Test
    void agreesWithNormalEquationsOnRandomData() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int k = 2 + random.nextInt(9);
            double[] pop = new double[k];
            double[] y = new double[k];
            List<Quantile> q = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                pop[i] = 100 + random.nextInt(100_000);
                y[i] = 5 + 90 * random.nextDouble();
                q.add(new Quantile(pop[i], y[i], y[i] - 1, y[i] + 1));
            }
            double[] beta = normalEquations(pop, y);
            Result r = SlopeIndex.compute(q, Transform.NONE, 100, 10_000, trial);
            assertThat(r.intercept()).isCloseTo(beta[0], within(1e-9));
            assertThat(r.slope()).isCloseTo(beta[1], within(1e-9));
            assertThat(r.sii()).isCloseTo(beta[1], within(1e-9));
            assertThat(r.rii()).isCloseTo((beta[0] + beta[1]) / beta[0], within(1e-9));
        }
    }

    @Test
    void normalEquationsReproduceTheGoldenPointEstimates() {
        double[] beta = normalEquations(DECILE_POP, DECILE_VALUE);
        assertThat(beta[1]).isCloseTo(6.93462, within(POINT));
        double[] logs = new double[10];
        for (int i = 0; i < 10; i++) {
            logs[i] = Math.log(RATE_VALUE[i]);
        }
        double[] logBeta = normalEquations(RATE_POP, logs);
        assertThat(Math.exp(logBeta[0] + logBeta[1]) - Math.exp(logBeta[0])).isCloseTo(-3.15591, within(POINT));
    }

    @Test
    void untransformedIntervalMatchesTheNormalSlopeDistribution() {
        // Without a transform the slope is a fixed linear combination Σ wᵢyᵢ of normal draws, so the
        // simulated slopes are exactly Normal(β₁, Σ wᵢ²SEᵢ²) and their 2.5th/97.5th percentiles are
        // β₁ ∓ 1.96 sd; the weights are recovered here by fitting unit vectors through the normal equations.
        double[] pop = DECILE_POP;
        double variance = 0;
        for (int i = 0; i < pop.length; i++) {
            double[] unit = new double[pop.length];
            unit[i] = 1;
            double w = normalEquations(pop, unit)[1];
            double se = (DECILE_UPPER[i] - DECILE_LOWER[i]) / (2 * 1.959964);
            variance += w * w * se * se;
        }
        double sd = Math.sqrt(variance);
        Result r = SlopeIndex.compute(quantiles(DECILE_POP, DECILE_VALUE, DECILE_LOWER, DECILE_UPPER, 10),
                Transform.NONE, 100);
        assertThat(r.siiLower()).isCloseTo(r.sii() - 1.959964 * sd, within(0.02 * sd));
        assertThat(r.siiUpper()).isCloseTo(r.sii() + 1.959964 * sd, within(0.02 * sd));
    }

    @Test
    void noUncertaintyGivesAPointInterval() {
        List<Quantile> q = List.of(new Quantile(100, 2, 2, 2), new Quantile(300, 3, 3, 3), new Quantile(50, 7, 7, 7));
        Result r = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 3);
        assertThat(r.siiLower()).isCloseTo(r.sii(), within(1e-12));
        assertThat(r.siiUpper()).isCloseTo(r.sii(), within(1e-12));
        assertThat(r.riiLower()).isCloseTo(r.rii(), within(1e-12));
        assertThat(r.riiUpper()).isCloseTo(r.rii(), within(1e-12));
    }

    @Test
    void percentileIsRsTypeSeven() {
        double[] sorted = {1, 2, 3, 4, 10};
        // R: quantile(c(1,2,3,4,10), c(0.025, 0.5, 0.975)) = 1.1, 3, 9.4
        assertThat(SlopeIndex.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(SlopeIndex.percentile(sorted, 0.5)).isCloseTo(3.0, within(1e-12));
        assertThat(SlopeIndex.percentile(sorted, 0.975)).isCloseTo(9.4, within(1e-12));
    }

    // ---------------------------------------------------------------- fallback and validation

    @Test
    void zeroValueFallsBackToNoTransformAndSaysSo() {
        List<Quantile> q = List.of(new Quantile(100, 0, 0, 3.7), new Quantile(120, 2.5, 0.8, 5.8),
                new Quantile(90, 4.4, 1.4, 10.3));
        Result r = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 1);
        assertThat(r.transformUsed()).isEqualTo(Transform.NONE);
        assertThat(r.untransformedBecause()).contains("quantile 1").contains("log");
        assertThat(r.sii()).isCloseTo(normalEquations(new double[] {100, 120, 90}, new double[] {0, 2.5, 4.4})[1],
                within(1e-9));
    }

    @Test
    void hundredPercentFallsBackForLogitOnly() {
        List<Quantile> q = List.of(new Quantile(10, 80, 49, 94), new Quantile(12, 100, 76, 100));
        Result logit = SlopeIndex.compute(q, Transform.LOGIT, 100, 10_000, 1);
        assertThat(logit.transformUsed()).isEqualTo(Transform.NONE);
        assertThat(logit.untransformedBecause()).contains("quantile 2").contains("100%");
        // two quantiles: the line through both, b = 5/22 and 16/22, so slope 20 / 0.5 over the whole range
        assertThat(logit.sii()).isCloseTo(40.0, within(1e-9));
        Result log = SlopeIndex.compute(q, Transform.LOG, 1, 10_000, 1);
        assertThat(log.transformUsed()).isEqualTo(Transform.LOG);
        // the log-line through both, extended over the doubled range of b: (100/80)²
        assertThat(log.rii()).isCloseTo(1.5625, within(1e-9));
    }

    @Test
    void badInputThrows() {
        Quantile ok = new Quantile(10, 5, 4, 6);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok), Transform.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok, new Quantile(0, 5, 4, 6)), Transform.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok, new Quantile(10, Double.NaN, 4, 6)), Transform.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok, new Quantile(10, 5, 6, 4)), Transform.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok, ok), Transform.NONE, 1, 9_999, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlopeIndex.compute(List.of(ok, ok), Transform.LOGIT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
