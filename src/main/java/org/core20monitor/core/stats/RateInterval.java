package org.core20monitor.core.stats;

/**
 * Intervals for rates and ratios whose uncertainty is taken to lie in the numerator count alone:
 * Byar's interval on the numerator, divided by the denominator and scaled like the value itself.
 * This is how PHEindicatormethods' {@code phe_rate} treats a rate (with multiplier 100 for "per 100")
 * and how SPEC §6 asks for ratios such as follow-ups per first attendance.
 */
public final class RateInterval {

    private RateInterval() {}

    /** 95% interval for numerator / denominator × 100 (a rate per 100). */
    public static Interval per100(long numerator, long denominator) {
        return of(numerator, denominator, 100, WilsonInterval.Z95);
    }

    /** 95% interval for numerator / denominator (a ratio, e.g. follow-ups per first). */
    public static Interval ratio(long numerator, long denominator) {
        return of(numerator, denominator, 1, WilsonInterval.Z95);
    }

    /**
     * Byar's interval on {@code numerator} scaled by {@code multiplier / denominator}.
     *
     * @throws IllegalArgumentException if the numerator is negative or the denominator is not positive
     */
    public static Interval of(long numerator, double denominator, double multiplier, double z) {
        if (!(denominator > 0)) {
            throw new IllegalArgumentException("a rate needs a positive denominator, got " + denominator);
        }
        return ByarInterval.of(numerator, z).scaled(multiplier / denominator);
    }
}
