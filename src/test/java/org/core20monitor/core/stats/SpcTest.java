package org.core20monitor.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.core20monitor.core.stats.Spc.Assurance;
import org.core20monitor.core.stats.Spc.Chart;
import org.core20monitor.core.stats.Spc.Direction;
import org.core20monitor.core.stats.Spc.Point;
import org.core20monitor.core.stats.Spc.Variation;
import org.junit.jupiter.api.Test;

/** XmR charts of constructed series whose limits and special causes are worked out by hand. */
class SpcTest {

    static List<Double> series(double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** Indexes of the points for which the rule holds. */
    static List<Integer> flagged(Chart chart, Predicate<Point> rule) {
        return IntStream.range(0, chart.points().size())
                .filter(i -> rule.test(chart.points().get(i))).boxed().toList();
    }

    static List<Integer> indexes(int from, int toInclusive) {
        return IntStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    @Test
    void spikeInANoisySeries() {
        // 10, 12 alternating with a 40 at month 7. Sum 162 / 12 = 13.5. Moving ranges: 2 ×5, 28, 28, 2 ×4
        // = 74 / 11 = 6.727273. Limits 13.5 ± 2.66 × 6.727273 = 13.5 ± 17.894545.
        Chart c = Spc.chart(series(10, 12, 10, 12, 10, 12, 40, 12, 10, 12, 10, 12), Direction.HIGHER_IS_BETTER, null);
        assertThat(c.mean()).isCloseTo(13.5, within(1e-12));
        assertThat(c.meanMovingRange()).isCloseTo(74.0 / 11, within(1e-12));
        assertThat(c.upperLimit()).isCloseTo(31.394545, within(1e-6));
        assertThat(c.lowerLimit()).isCloseTo(-4.394545, within(1e-6));
        assertThat(flagged(c, Point::outsideLimits)).containsExactly(6);
        // the 10s and 12s are all below the mean but in runs of 6 and 5, short of 7
        assertThat(flagged(c, Point::specialCause)).containsExactly(6);
        assertThat(c.variation()).isEqualTo(Variation.COMMON_CAUSE);
        assertThat(c.assurance()).isEqualTo(Assurance.NONE);
    }

    @Test
    void spikeAsTheLatestPoint() {
        // Sum 138 / 10 = 13.8; moving ranges 2 ×8 and 30 = 46 / 9 = 5.111111; limits 13.8 ± 13.595556.
        // The nine points before the spike are all below the mean: a run.
        List<Double> values = series(10, 12, 10, 12, 10, 12, 10, 12, 10, 40);
        Chart c = Spc.chart(values, Direction.HIGHER_IS_BETTER, null);
        assertThat(c.upperLimit()).isCloseTo(27.395556, within(1e-6));
        assertThat(c.lowerLimit()).isCloseTo(0.204444, within(1e-6));
        assertThat(flagged(c, Point::outsideLimits)).containsExactly(9);
        assertThat(flagged(c, Point::run)).isEqualTo(indexes(0, 8));
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVEMENT);
        assertThat(Spc.chart(values, Direction.LOWER_IS_BETTER, null).variation())
                .isEqualTo(Variation.SPECIAL_CAUSE_CONCERN);
        assertThat(Spc.chart(values, Direction.CONTEXT, null).variation())
                .isEqualTo(Variation.SPECIAL_CAUSE_NEITHER);
    }

    @Test
    void sevenRisingPointsAreATrend() {
        // 5 3 5 3 then 1 2 3 4 5 6 7. Mean 44/11 = 4, mean moving range 14/10 = 1.4, limits 4 ± 3.724.
        // No run (longest same-side stretch is 3) and no 2-of-3 (only 1 and 7 are past the thirds).
        List<Double> values = series(5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 7);
        Chart c = Spc.chart(values, Direction.HIGHER_IS_BETTER, null);
        assertThat(c.mean()).isCloseTo(4.0, within(1e-12));
        assertThat(c.upperLimit()).isCloseTo(7.724, within(1e-12));
        assertThat(c.lowerLimit()).isCloseTo(0.276, within(1e-12));
        assertThat(flagged(c, Point::rising)).isEqualTo(indexes(4, 10));
        assertThat(flagged(c, Point::falling)).isEmpty();
        assertThat(flagged(c, p -> p.outsideLimits() || p.run() || p.twoOfThree())).isEmpty();
        // only the trend flags the latest point, so its direction decides the icon
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVEMENT);
        assertThat(Spc.chart(values, Direction.LOWER_IS_BETTER, null).variation())
                .isEqualTo(Variation.SPECIAL_CAUSE_CONCERN);
    }

    @Test
    void sixRisingPointsOrARepeatAreNotATrend() {
        Chart six = Spc.chart(series(5, 3, 5, 3, 1, 2, 3, 4, 5, 6), Direction.HIGHER_IS_BETTER, null);
        assertThat(flagged(six, Point::rising)).isEmpty();
        // 1 2 3 3 4 5 6 7: the repeated 3 is not strictly higher, leaving runs of 3 and 5
        Chart repeat = Spc.chart(series(1, 2, 3, 3, 4, 5, 6, 7), Direction.HIGHER_IS_BETTER, null);
        assertThat(flagged(repeat, Point::rising)).isEmpty();
    }

    @Test
    void eightPointsAboveTheMeanAreARun() {
        // Sum 181 / 15 = 12.066667: months 4–11 (13 or 14) are all above it.
        Chart c = Spc.chart(series(21, 4, 18, 6, 13, 14, 13, 13, 13, 14, 13, 14, 3, 17, 5), Direction.LOWER_IS_BETTER, null);
        assertThat(c.mean()).isCloseTo(181.0 / 15, within(1e-12));
        assertThat(flagged(c, Point::run)).isEqualTo(indexes(4, 11));
        assertThat(flagged(c, p -> p.outsideLimits() || p.rising() || p.falling() || p.twoOfThree())).isEmpty();
        assertThat(c.variation()).isEqualTo(Variation.COMMON_CAUSE);
    }

    @Test
    void aPointOnTheMeanBreaksARun() {
        // As above with month 7 at 12: the sum is 180 / 15 = 12 exactly, so month 7 is on the mean and
        // splits the stretch into 3 and 4 points above it.
        Chart c = Spc.chart(series(21, 4, 18, 6, 13, 14, 13, 12, 13, 14, 13, 14, 3, 17, 5), Direction.LOWER_IS_BETTER, null);
        assertThat(c.mean()).isEqualTo(12.0);
        assertThat(flagged(c, Point::run)).isEmpty();
    }

    @Test
    void runOfSevenBelowEndingAtTheLatestPoint() {
        Chart c = Spc.chart(series(3, 19, 5, 18, 4, 17, 10, 9, 10, 9, 10, 9, 10), Direction.LOWER_IS_BETTER, null);
        // sum 133 / 13 = 10.230769
        assertThat(flagged(c, Point::run)).isEqualTo(indexes(6, 12));
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVEMENT);
        assertThat(Spc.chart(c.points().stream().map(Point::value).toList(), Direction.HIGHER_IS_BETTER, null)
                .variation()).isEqualTo(Variation.SPECIAL_CAUSE_CONCERN);
    }

    @Test
    void twoOfThreeBeyondTwoThirdsOfTheWayToALimit() {
        // Sum 156 / 13 = 12; moving ranges sum 40 / 12 = 3.333333; upper limit 12 + 8.866667 = 20.866667;
        // two-thirds of the way is 12 + 5.911111 = 17.911111. Months 6 and 8 (18) are past it and inside
        // the limit, two of the three months 6–8. Months 1, 4 and 10 sit exactly on the mean.
        List<Double> values = series(10, 12, 11, 10, 12, 11, 18, 11, 18, 10, 12, 11, 10);
        Chart c = Spc.chart(values, Direction.HIGHER_IS_BETTER, null);
        assertThat(c.mean()).isEqualTo(12.0);
        assertThat(c.upperLimit()).isCloseTo(20.866667, within(1e-6));
        assertThat(c.lowerLimit()).isCloseTo(3.133333, within(1e-6));
        assertThat(flagged(c, Point::twoOfThree)).containsExactly(6, 8);
        assertThat(flagged(c, Point::specialCause)).containsExactly(6, 8);
        assertThat(c.variation()).isEqualTo(Variation.COMMON_CAUSE);
    }

    @Test
    void oneBeyondTwoThirdsIsNotEnough() {
        // 17 instead of the second 18: mean 155/13 = 11.923077, mr 38/12, two-thirds at 17.538462
        Chart c = Spc.chart(series(10, 12, 11, 10, 12, 11, 18, 11, 17, 10, 12, 11, 10), Direction.HIGHER_IS_BETTER, null);
        assertThat(flagged(c, Point::twoOfThree)).isEmpty();
    }

    @Test
    void levelRulesDecideTheSideOverATrend() {
        // 20 19 … 14 fall for 7 months but stay above the mean (139/11 = 12.636364): the run above the
        // mean puts the latest point on the high side, so higher-is-better reads it as improvement.
        Chart c = Spc.chart(series(1, 9, 2, 8, 20, 19, 18, 17, 16, 15, 14), Direction.HIGHER_IS_BETTER, null);
        assertThat(flagged(c, Point::falling)).isEqualTo(indexes(4, 10));
        assertThat(flagged(c, Point::run)).isEqualTo(indexes(4, 10));
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVEMENT);
    }

    @Test
    void aPointCanEndOneTrendAndStartTheOther() {
        Chart c = Spc.chart(series(9, 8, 7, 6, 5, 4, 3, 4, 5, 6, 7, 8, 9), Direction.CONTEXT, null);
        assertThat(flagged(c, Point::falling)).isEqualTo(indexes(0, 6));
        assertThat(flagged(c, Point::rising)).isEqualTo(indexes(6, 12));
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_NEITHER);
    }

    @Test
    void assuranceAgainstTheTarget() {
        // limits of the first series: −4.394545 to 31.394545
        List<Double> values = series(10, 12, 10, 12, 10, 12, 40, 12, 10, 12, 10, 12);
        assertThat(Spc.chart(values, Direction.HIGHER_IS_BETTER, 35.0).assurance()).isEqualTo(Assurance.CONSISTENTLY_FAIL);
        assertThat(Spc.chart(values, Direction.HIGHER_IS_BETTER, -5.0).assurance()).isEqualTo(Assurance.CONSISTENTLY_PASS);
        assertThat(Spc.chart(values, Direction.HIGHER_IS_BETTER, 20.0).assurance()).isEqualTo(Assurance.HIT_AND_MISS);
        assertThat(Spc.chart(values, Direction.LOWER_IS_BETTER, 35.0).assurance()).isEqualTo(Assurance.CONSISTENTLY_PASS);
        assertThat(Spc.chart(values, Direction.LOWER_IS_BETTER, -5.0).assurance()).isEqualTo(Assurance.CONSISTENTLY_FAIL);
        assertThat(Spc.chart(values, Direction.LOWER_IS_BETTER, 0.0).assurance()).isEqualTo(Assurance.HIT_AND_MISS);
        assertThat(Spc.chart(values, Direction.CONTEXT, 20.0).assurance()).isEqualTo(Assurance.NONE);
        assertThat(Spc.chart(values, Direction.HIGHER_IS_BETTER, null).assurance()).isEqualTo(Assurance.NONE);
        assertThat(Spc.chart(values, null, 20.0).assurance()).isEqualTo(Assurance.NONE);
    }

    @Test
    void missingMonthsAreSkipped() {
        List<Double> gappy = new ArrayList<>(Arrays.asList(5.0, 3.0, null, 5.0, 3.0, 1.0, 2.0, null, 3.0, 4.0, 5.0, 6.0, 7.0));
        Chart c = Spc.chart(gappy, Direction.HIGHER_IS_BETTER, null);
        Chart compact = Spc.chart(series(5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 7), Direction.HIGHER_IS_BETTER, null);
        assertThat(c.points()).hasSize(13);
        assertThat(c.mean()).isEqualTo(compact.mean());
        assertThat(c.upperLimit()).isEqualTo(compact.upperLimit());
        assertThat(c.points().get(2)).isEqualTo(new Point(null, false, false, false, false, false));
        assertThat(c.points().get(7).value()).isNull();
        assertThat(flagged(c, Point::rising)).containsExactly(5, 6, 8, 9, 10, 11, 12);
        assertThat(c.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVEMENT);
    }

    @Test
    void fewerThanTwoValuesHaveNoLimits() {
        Chart one = Spc.chart(Arrays.asList(null, 5.0, null), Direction.HIGHER_IS_BETTER, 3.0);
        assertThat(one.mean()).isEqualTo(5.0);
        assertThat(one.meanMovingRange()).isNull();
        assertThat(one.upperLimit()).isNull();
        assertThat(one.lowerLimit()).isNull();
        assertThat(one.points()).hasSize(3).noneMatch(Point::specialCause);
        assertThat(one.variation()).isEqualTo(Variation.NOT_ENOUGH_DATA);
        assertThat(one.assurance()).isEqualTo(Assurance.NONE);
        Chart none = Spc.chart(List.of(), Direction.HIGHER_IS_BETTER, null);
        assertThat(none.mean()).isNull();
        assertThat(none.points()).isEmpty();
    }

    @Test
    void flatSeriesHasNoSpecialCause() {
        Chart c = Spc.chart(series(4, 4, 4, 4, 4, 4, 4, 4, 4), Direction.HIGHER_IS_BETTER, 4.0);
        assertThat(c.upperLimit()).isEqualTo(4.0);
        assertThat(c.lowerLimit()).isEqualTo(4.0);
        assertThat(flagged(c, Point::specialCause)).isEmpty();
        assertThat(c.variation()).isEqualTo(Variation.COMMON_CAUSE);
        assertThat(c.assurance()).isEqualTo(Assurance.CONSISTENTLY_PASS);
    }

    @Test
    void nonFiniteValueThrows() {
        assertThatThrownBy(() -> Spc.chart(series(1, Double.NaN, 3), Direction.CONTEXT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
