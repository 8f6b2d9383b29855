package org.core20monitor.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The pause after repeated failed sign-ins, on a clock the test moves. */
class LoginThrottleTest {

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-24T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void fiveFailuresPauseTheUsernameUntilFifteenMinutesAfterTheFirst() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 4; i++) {
            throttle.failed("jo", "10.0.0.1");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(throttle.wait("jo", "10.0.0.1")).isZero();
        throttle.failed("jo", "10.0.0.1"); // the fifth, 4 minutes after the first
        assertThat(throttle.wait("jo", "10.0.0.2")).as("from any address").isEqualTo(Duration.ofMinutes(11));
        assertThat(throttle.wait("sam", "10.0.0.1")).as("another user from the same address").isZero();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(throttle.wait("jo", "10.0.0.1")).isZero();
        throttle.failed("jo", "10.0.0.1");
        assertThat(throttle.wait("jo", "10.0.0.1")).as("a new window starts").isZero();
    }

    @Test
    void oneAddressTryingManyUsernamesIsPausedAtFourTimesTheLimit() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.wait("someone", "10.0.0.9")).isZero();
        throttle.failed("user19", "10.0.0.9");
        assertThat(throttle.wait("someone", "10.0.0.9")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.wait("someone", "10.0.0.10")).isZero();
    }

    @Test
    void successClearsTheUsernamesCount() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(15), clock);
        throttle.failed("jo", "a");
        assertThat(throttle.attempt("jo", "a")).isZero();
        throttle.succeeded("jo", "a");
        throttle.failed("jo", "a");
        assertThat(throttle.wait("jo", "b")).isZero();
        throttle.failed("jo", "a");
        assertThat(throttle.wait("jo", "b")).isPositive();
    }

    @Test
    void attemptsCountAsFailedUntilTheySucceedSoABurstCannotGetPastTheLimit() {
        MovingClock clock = new MovingClock();
        LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.attempt("jo", "10.0.0.1")).as("attempt " + (i + 1) + ", none answered yet").isZero();
        }
        assertThat(throttle.attempt("jo", "10.0.0.1")).as("the sixth in the same burst").isEqualTo(Duration.ofMinutes(15));

        // Successes give the address its attempts back: 20 colleagues behind one proxy can all sign in.
        for (int i = 0; i < 40; i++) {
            assertThat(throttle.attempt("user" + i, "10.0.0.2")).as("colleague " + i).isZero();
            throttle.succeeded("user" + i, "10.0.0.2");
        }
    }
}
