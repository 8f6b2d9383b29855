package org.core20monitor.core.stats;

/** A two-sided confidence interval. */
public record Interval(double lower, double upper) {

    public Interval scaled(double factor) {
        return new Interval(lower * factor, upper * factor);
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
