package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trajectory line, its prediction interval and the month it reaches a target, against a
 * hand-worked example: months 0–5 with values 1, 3, 2, 5, 4, 6 give x̄ = 2.5, ȳ = 3.5, Sxx = 17.5,
 * Sxy = 15.5, so slope 31/35 = 0.885714 and intercept 1.285714; the residual sum of squares is
 * 3.771429, s = √(3.771429 / 4) = 0.971008; at month 8 the line is 8.371429 and the prediction
 * interval is ± t(0.975, 4) · s · √(1 + 1/6 + 5.5²/17.5) = ± 2.776445 × 0.971008 × 1.701540.
 */
class TrajectoryTest {

    private static final List<Double> SERIES = List.of(1.0, 3.0, 2.0, 5.0, 4.0, 6.0);

    @Test
    void theLineAndItsPredictionIntervalMatchTheHandWorkedExample() {
        Trajectory.Fit fit = Trajectory.fit(SERIES);
        assertThat(fit.slope()).isCloseTo(31.0 / 35, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(1.2857142857, within(1e-9));
        assertThat(fit.residualSd()).isCloseTo(0.9710083125, within(1e-9));
        assertThat(fit.at(8)).isCloseTo(8.3714285714, within(1e-9));
        Interval pi = fit.predictionInterval(8);
        assertThat(pi.lower()).isCloseTo(3.7841598558, within(1e-8));
        assertThat(pi.upper()).isCloseTo(12.9586972870, within(1e-8));
    }

    @Test
    void theTargetIsReachedInTheFirstMonthTheLineMeetsIt() {
        // Fitted now (month 5) 5.714; the line passes 10 between month 9 (9.257) and month 10 (10.143).
        Trajectory.Projection p = Trajectory.project(SERIES, 10, true, 5);
        assertThat(p.status()).isEqualTo(Trajectory.Status.REACHES);
        assertThat(p.monthsAhead()).isEqualTo(5);
        assertThat(p.onTime()).isTrue();
        assertThat(Trajectory.project(SERIES, 10, true, 4).onTime()).as("target date a month sooner").isFalse();
    }

    @Test
    void aLineMovingAwayFromTheTargetIsNotOnTrend() {
        assertThat(Trajectory.project(SERIES, 0, false, 12).status()).isEqualTo(Trajectory.Status.NOT_ON_TREND);
        List<Double> flat = List.of(4.0, 4.0, 4.0, 4.0, 4.0, 4.0);
        assertThat(Trajectory.project(flat, 5, true, 12).status()).isEqualTo(Trajectory.Status.NOT_ON_TREND);
    }

    @Test
    void aCrossingBeyondTheHorizonIsNotOnTrend() {
        // A rise of 0.01 a month from 1 needs 400 months to reach 5.
        List<Double> slow = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            slow.add(1 + 0.01 * i);
        }
        assertThat(Trajectory.project(slow, 5, true, 12).status()).isEqualTo(Trajectory.Status.NOT_ON_TREND);
        // Now 1.11; 1.205 is passed at month 10 ahead (1.21), not 9 (1.20).
        assertThat(Trajectory.project(slow, 1.205, true, 12).monthsAhead()).isEqualTo(10);
    }

    @Test
    void meetingNowAndAtTheTargetDateIsMeetingAndLeavingBeforeItIsSlipping() {
        List<Double> falling = List.of(12.0, 11.0, 10.0, 9.0, 8.0, 7.0);
        assertThat(Trajectory.project(falling, 5, true, 1).status()).isEqualTo(Trajectory.Status.MEETING);
        Trajectory.Projection slipping = Trajectory.project(falling, 5, true, 6);
        assertThat(slipping.status()).isEqualTo(Trajectory.Status.SLIPPING);
        assertThat(slipping.onTime()).isFalse();
        // Lower is better: 3, 2.5, … falls to 0 — zero long waits.
        List<Double> waits = List.of(3.0, 2.5, 2.0, 1.5, 1.0, 0.5);
        Trajectory.Projection zero = Trajectory.project(waits, 0, false, 12);
        assertThat(zero.status()).isEqualTo(Trajectory.Status.REACHES);
        assertThat(zero.monthsAhead()).isEqualTo(1);
    }

    @Test
    void missingMonthsKeepTheirPlaceOnTheAxis() {
        // Values at months 0, 1, 3, 4, 5, 6 (month 2 hidden): slope 142/161, worked as above.
        List<Double> withGap = Arrays.asList(1.0, 3.0, null, 5.0, 4.0, 6.0, 7.0);
        Trajectory.Fit fit = Trajectory.fit(withGap);
        assertThat(fit.n()).isEqualTo(6);
        assertThat(fit.slope()).isCloseTo(0.8819875776, within(1e-9));
        assertThat(fit.intercept()).isCloseTo(1.5403726708, within(1e-9));
    }

    @Test
    void fewerThanSixMonthsGiveNoLine() {
        assertThat(Trajectory.fit(List.of(1.0, 2.0, 3.0, 4.0, 5.0))).isNull();
        assertThat(Trajectory.project(Arrays.asList(1.0, null, 2.0, 3.0, 4.0, 5.0), 9, true, 3).status())
                .isEqualTo(Trajectory.Status.NOT_ENOUGH_DATA);
    }
}
