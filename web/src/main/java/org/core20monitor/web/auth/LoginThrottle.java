package org.core20monitor.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one username within the
 * pause, or four times as many from one address (which may be a shared proxy), further attempts are
 * refused until the pause has passed since the first of them, whether or not the password is right.
 * A successful sign-in clears the username's count. Kept in memory per server: a restart forgets it.
 *
 * <p>An attempt counts as failed from the moment it starts ({@link #attempt}) until it succeeds, so
 * that a burst of simultaneous guesses, all waiting on the password hash, cannot get past the limit.
 */
public final class LoginThrottle {

    private static final int ADDRESS_FACTOR = 4;
    private static final int PRUNE_ABOVE = 10_000;

    private record Window(Instant start, int failures) {}

    private final int maxFailures;
    private final Duration pause;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    public LoginThrottle(int maxFailures, Duration pause, Clock clock) {
        this.maxFailures = maxFailures;
        this.pause = pause;
        this.clock = clock;
    }

    /** How long until this username may try again from this address, or zero if it may now. */
    public synchronized Duration wait(String username, String address) {
        Instant now = clock.instant();
        Duration user = waitFor("user " + username, maxFailures, now);
        Duration addr = waitFor("address " + address, maxFailures * ADDRESS_FACTOR, now);
        return user.compareTo(addr) >= 0 ? user : addr;
    }

    /**
     * Starts a sign-in attempt: zero, with the attempt counted as a failure until {@link #succeeded}; or,
     * when paused, how long to wait (and nothing counted).
     */
    public synchronized Duration attempt(String username, String address) {
        Duration wait = wait(username, address);
        if (wait.isZero()) {
            failed(username, address);
        }
        return wait;
    }

    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        count("user " + username, now);
        count("address " + address, now);
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> !w.start().plus(pause).isAfter(now));
        }
    }

    /** An attempt started by {@link #attempt} succeeded: the username's count is cleared, the address's taken back. */
    public synchronized void succeeded(String username, String address) {
        windows.remove("user " + username);
        Window w = windows.get("address " + address);
        if (w != null && w.failures() > 0) {
            windows.put("address " + address, new Window(w.start(), w.failures() - 1));
        }
    }

    private Duration waitFor(String key, int limit, Instant now) {
        Window w = windows.get(key);
        if (w == null || w.failures() < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, w.start().plus(pause));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void count(String key, Instant now) {
        Window w = windows.get(key);
        if (w == null || !w.start().plus(pause).isAfter(now)) {
            w = new Window(now, 0);
        }
        windows.put(key, new Window(w.start(), w.failures() + 1));
    }
}
