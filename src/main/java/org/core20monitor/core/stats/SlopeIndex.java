package org.core20monitor.core.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.random.Well19937c;

/**
 * Slope and relative index of inequality (SII, RII) across deprivation quantiles, by the method of
 * OHID's PHEindicatormethods {@code phe_sii} as SPEC §6 states it, with its recommended transforms
 * (logit for proportions, log for rates and ratios).
 *
 * <p>Orientation: quantiles are given most deprived first, so quantile 1 sits near b = 0 and the
 * least deprived near b = 1. The SII is therefore "least deprived minus most deprived" and the RII
 * "least deprived over most deprived"; a positive SII means the value rises as deprivation falls. This
 * is the order that reproduces the golden values of SPEC §6.
 */
public final class SlopeIndex {

    /** PHE's own default; SPEC §6 asks for at least {@link #MIN_DRAWS}. */
    public static final int DEFAULT_DRAWS = 100_000;
    public static final int MIN_DRAWS = 10_000;
    /** Fixed so that the same data always give the same interval. */
    public static final long DEFAULT_SEED = 20_240_401L;

    /**
     * Results remembered by their inputs, most recently used kept. The same quantiles come back on
     * every push of a view and in every month of a trend or board paper, and a result is a function of
     * its inputs alone (the seed is one of them), so a remembered one is the one that would be computed.
     * A result and its inputs take well under a kilobyte: the whole store, some 15 MB at most.
     */
    private static final int REMEMBERED = 20_000;
    private static final Map<Inputs, Result> RESULTS = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Inputs, Result> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Inputs(List<Quantile> quantiles, Transform transform, double scale, int draws, long seed) {}

    private SlopeIndex() {}

    /** The working scale on which the values are fitted. */
    public enum Transform {
        /** The value itself (medians, or any metric whose values the transforms cannot take). */
        NONE,
        /** logit of value / scale: proportions, which must lie strictly between 0 and scale. */
        LOGIT,
        /** Natural log: rates and ratios, which must be strictly positive. */
        LOG
    }

    /**
     * One quantile: its denominator (the metric's denominator, or population), its value in the
     * metric's own unit and its own 95% limits (Wilson or Byar) in that unit.
     */
    public record Quantile(double denominator, double value, double lower, double upper) {}

    /**
     * SII and RII in the metric's own unit, with Monte Carlo 95% intervals. {@code transformUsed} is
     * the working scale actually applied; when it is NONE although another was asked for,
     * {@code untransformedBecause} says why (otherwise it is null). {@code intercept} and
     * {@code slope} are β₀ and β₁ on the working scale.
     */
    public record Result(
            double sii, double siiLower, double siiUpper,
            double rii, double riiLower, double riiUpper,
            Transform transformUsed, String untransformedBecause,
            double intercept, double slope) {}

    /**
     * The fitted value at cumulative share {@code b} (0 = most deprived end, 1 = least deprived end)
     * in the metric's own unit: f(β₀ + β₁·b), with {@code scale} as given to {@code compute}.
     */
    public static double fitted(Result result, double scale, double b) {
        return new Scale(result.transformUsed(), scale).inverse(result.intercept() + result.slope() * b);
    }

    /** As {@link #compute(List, Transform, double, int, long)} with the default draws and seed. */
    public static Result compute(List<Quantile> quantiles, Transform transform, double scale) {
        return compute(quantiles, transform, scale, DEFAULT_DRAWS, DEFAULT_SEED);
    }

    /**
     * Fits y·√a = β₀·√a + β₁·b·√a (no further intercept), with a each quantile's share of the total
     * denominator and b the midpoint of its cumulative share, and reports SII = f(β₀ + β₁) − f(β₀) and
     * RII = f(β₀ + β₁) / f(β₀), f the inverse transform. The intervals come from {@code draws}
     * refits with each y drawn from Normal(y, (U − L)/(2 × 1.959964)) on the working scale; the 2.5th
     * and 97.5th percentiles (R's default, type 7) of the simulated slopes s are mapped back around
     * m = β₀ + β₁/2 as f(m + s/2) − f(m − s/2) and f(m + s/2) / f(m − s/2).
     *
     * <p>Without a transform the RII and its interval are plain ratios of fitted values and can be
     * meaningless (negative or infinite) when a fitted value is at or below 0.
     *
     * @param quantiles most deprived first; every denominator must be positive
     * @param scale     for LOGIT, the value that means 100% (100 for percentages, 1 for fractions);
     *                  ignored otherwise
     * @throws IllegalArgumentException with fewer than 2 quantiles, a non-positive denominator,
     *                                  non-finite values, lower > upper or fewer than {@link #MIN_DRAWS} draws
     */
    public static Result compute(List<Quantile> quantiles, Transform transform, double scale, int draws, long seed) {
        Objects.requireNonNull(transform, "transform");
        validate(quantiles, draws);
        Inputs inputs = new Inputs(List.copyOf(quantiles), transform, scale, draws, seed);
        Result result;
        synchronized (RESULTS) {
            result = RESULTS.get(inputs);
        }
        if (result == null) {
            result = simulate(inputs.quantiles(), transform, scale, draws, seed);
            synchronized (RESULTS) {
                RESULTS.put(inputs, result);
            }
        }
        return result;
    }

    /** The computation itself, not remembered. */
    static Result simulate(List<Quantile> quantiles, Transform transform, double scale, int draws, long seed) {
        if (transform == Transform.LOGIT && !(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("a logit transform needs a positive scale, got " + scale);
        }
        String refusal = whyNot(quantiles, transform, scale);
        Transform used = refusal == null ? transform : Transform.NONE;
        Scale s = new Scale(used, scale);

        int k = quantiles.size();
        double total = 0;
        for (Quantile q : quantiles) {
            total += q.denominator();
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double cumulative = 0;
        for (int i = 0; i < k; i++) {
            a[i] = quantiles.get(i).denominator() / total;
            b[i] = cumulative + a[i] / 2;
            cumulative += a[i];
        }
        Fit fit = new Fit(a, b);

        double[] y = new double[k];
        double[] se = new double[k];
        for (int i = 0; i < k; i++) {
            Quantile q = quantiles.get(i);
            y[i] = s.forward(q.value());
            se[i] = (s.forward(q.upper()) - s.forward(q.lower())) / (2 * WilsonInterval.Z95);
        }
        double beta1 = fit.slope(y);
        double beta0 = fit.intercept(y, beta1);

        // Draw order (draw by draw, quantile by quantile) is part of the seed's contract.
        Normals normals = new Normals(seed);
        double[] slopes = new double[draws];
        double[] drawn = new double[k];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < k; i++) {
                drawn[i] = y[i] + se[i] * normals.next();
            }
            slopes[d] = fit.slope(drawn);
        }
        Arrays.sort(slopes);
        double sLow = percentile(slopes, 0.025);
        double sHigh = percentile(slopes, 0.975);
        double m = beta0 + beta1 / 2;

        double top = s.inverse(beta0 + beta1);
        double bottom = s.inverse(beta0);
        return new Result(
                top - bottom,
                s.inverse(m + sLow / 2) - s.inverse(m - sLow / 2),
                s.inverse(m + sHigh / 2) - s.inverse(m - sHigh / 2),
                top / bottom,
                s.inverse(m + sLow / 2) / s.inverse(m - sLow / 2),
                s.inverse(m + sHigh / 2) / s.inverse(m - sHigh / 2),
                used, refusal, beta0, beta1);
    }

    /** R's default quantile (type 7): linear interpolation between order statistics at (n − 1)p. */
    static double percentile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void validate(List<Quantile> quantiles, int draws) {
        Objects.requireNonNull(quantiles, "quantiles");
        if (quantiles.size() < 2) {
            throw new IllegalArgumentException("an SII needs at least 2 quantiles, got " + quantiles.size());
        }
        if (draws < MIN_DRAWS) {
            throw new IllegalArgumentException("an SII needs at least " + MIN_DRAWS + " draws, got " + draws);
        }
        for (int i = 0; i < quantiles.size(); i++) {
            Quantile q = quantiles.get(i);
            if (!(q.denominator() > 0) || Double.isInfinite(q.denominator())) {
                throw new IllegalArgumentException("quantile " + (i + 1) + " has denominator " + q.denominator()
                        + "; drop or merge empty quantiles before computing an SII");
            }
            if (!Double.isFinite(q.value()) || !Double.isFinite(q.lower()) || !Double.isFinite(q.upper())
                    || q.lower() > q.upper()) {
                throw new IllegalArgumentException("quantile " + (i + 1) + " has value " + q.value()
                        + " with limits " + q.lower() + " to " + q.upper());
            }
        }
    }

    /** Why the requested transform cannot be applied (null if it can). */
    private static String whyNot(List<Quantile> quantiles, Transform transform, double scale) {
        if (transform == Transform.NONE) {
            return null;
        }
        for (int i = 0; i < quantiles.size(); i++) {
            Quantile q = quantiles.get(i);
            // The limits are checked too: the working-scale SE needs both of them transformed.
            if (q.value() <= 0 || q.lower() <= 0) {
                return "quantile " + (i + 1) + " has a value or lower limit of 0, which the "
                        + transform.name().toLowerCase() + " transform cannot take";
            }
            if (transform == Transform.LOGIT && (q.value() >= scale || q.upper() >= scale)) {
                return "quantile " + (i + 1) + " has a value or upper limit of 100%, which the logit transform cannot take";
            }
        }
        return null;
    }

    private record Scale(Transform transform, double scale) {
        double forward(double v) {
            return switch (transform) {
                case NONE -> v;
                case LOG -> Math.log(v);
                case LOGIT -> {
                    double p = v / scale;
                    yield Math.log(p / (1 - p));
                }
            };
        }

        double inverse(double x) {
            return switch (transform) {
                case NONE -> x;
                case LOG -> Math.exp(x);
                case LOGIT -> scale / (1 + Math.exp(-x));
            };
        }
    }

    /**
     * Standard normal draws from a Well19937c stream by the Box–Muller transform in pairs, the same
     * draws as the generator's own {@code nextGaussian} (to within a unit in the last place) but on
     * the JVM's intrinsic log, sine and cosine, about half again as fast: the draws are most of the
     * cost of an interval.
     */
    static final class Normals {
        private final Well19937c uniform;
        private double spare;
        private boolean hasSpare;

        Normals(long seed) {
            uniform = new Well19937c(seed);
        }

        double next() {
            if (hasSpare) {
                hasSpare = false;
                return spare;
            }
            double angle = 2 * Math.PI * uniform.nextDouble();
            double radius = Math.sqrt(-2 * Math.log(uniform.nextDouble()));
            spare = radius * Math.sin(angle);
            hasSpare = true;
            return radius * Math.cos(angle);
        }
    }

    /**
     * Weighted least squares of y on b with weights a (the √a-scaled regression without intercept is
     * exactly this). Since Σa = 1 the weighted mean of b is ½, and the slope is a fixed linear
     * combination of y, computed once so that each Monte Carlo refit is a dot product.
     */
    private static final class Fit {
        private final double[] a;
        private final double meanB;
        private final double[] slopeWeights;

        Fit(double[] a, double[] b) {
            this.a = a;
            double mb = 0;
            for (int i = 0; i < a.length; i++) {
                mb += a[i] * b[i];
            }
            double sbb = 0;
            for (int i = 0; i < a.length; i++) {
                sbb += a[i] * (b[i] - mb) * (b[i] - mb);
            }
            this.meanB = mb;
            this.slopeWeights = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                slopeWeights[i] = a[i] * (b[i] - mb) / sbb;
            }
        }

        double slope(double[] y) {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += slopeWeights[i] * y[i];
            }
            return s;
        }

        double intercept(double[] y, double slope) {
            double my = 0;
            for (int i = 0; i < y.length; i++) {
                my += a[i] * y[i];
            }
            return my - slope * meanB;
        }
    }
}
