package org.core20monitor.flink.sink;

import java.time.Duration;

/** Exponential delays between retries: doubling from {@code first} up to {@code max}, then staying there. */
final class Backoff {

    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.maxMillis = max.toMillis();
        this.nextMillis = Math.min(first.toMillis(), maxMillis);
    }

    /** The delay before the next attempt. */
    Duration next() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return Duration.ofMillis(delay);
    }
}
