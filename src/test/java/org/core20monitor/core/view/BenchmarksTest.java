package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.core20monitor.core.TestCells;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.reference.PeerGroups;
import org.junit.jupiter.api.Test;

/**
 * An ICB's PIFU gap against England's and a peer's, worked by hand. QWE: 30 of 1,000 in the most
 * deprived 20% against 60 of 1,000 in the least, gap −3.0 points (Newcombe −4.872 to −1.189).
 * England: 400 of 10,000 against 500 of 10,000, −1.0 (−1.576 to −0.426). QKK: 45 against 50 of
 * 1,000, −0.5 (−2.397 to 1.388). Standard errors from the intervals (U − L)/(2 × 1.96): QWE 0.9396,
 * England 0.2936, QKK 0.9657. QWE minus England: −2.0 ± 1.96 × √(0.9396² + 0.2936²) = −3.930 to −0.070,
 * significantly wider. QWE minus QKK: −2.5, −5.141 to 0.141, not significantly different.
 */
class BenchmarksTest {

    private static final PeerGroups PEERS = PeerGroups.load(ImdLookup.load(ImdEdition.IMD2019), 2, null,
            "QWE=QKK,QOP");

    private static TestCells cells() {
        return TestCells.of(
                PifuCells.cell(new long[] {30, 50, 50, 50, 60}, PifuCells.each(1000)).snapshot("2026-10", Scope.icb("QWE")),
                PifuCells.cell(new long[] {400, 450, 450, 450, 500}, PifuCells.each(10_000)).snapshot("2026-10", Scope.ENGLAND),
                PifuCells.cell(new long[] {45, 50, 50, 50, 50}, PifuCells.each(1000)).snapshot("2026-10", Scope.icb("QKK")));
    }

    @Test
    void theGapAgainstEnglandAndPeersWithTheIntervalOfTheDifference() {
        Benchmarks b = Benchmarks.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", "QWE", PEERS, cells());
        assertThat(b.rows()).extracting(Benchmarks.Row::area).containsExactly("QWE", "England", "QKK", "QOP");
        Benchmarks.Row own = b.rows().get(0);
        assertThat(own.gap()).isEqualTo(-3.0);
        assertThat(own.gapLower()).isEqualTo(-4.9);
        assertThat(own.difference()).isNull();
        assertThat(own.core20Share()).isEqualTo(6.9);

        Benchmarks.Row england = b.rows().get(1);
        assertThat(england.gap()).isEqualTo(-1.0);
        assertThat(england.difference()).isEqualTo(-2.0);
        assertThat(england.differenceLower()).isEqualTo(-3.9);
        assertThat(england.differenceUpper()).isEqualTo(-0.1);
        assertThat(england.judgement()).isEqualTo("wider");

        Benchmarks.Row peer = b.rows().get(2);
        assertThat(peer.difference()).isEqualTo(-2.5);
        assertThat(peer.differenceLower()).isEqualTo(-5.1);
        assertThat(peer.differenceUpper()).isEqualTo(0.1);
        assertThat(peer.judgement()).isEqualTo("similar");
        assertThat(peer.name()).isEqualTo("NHS South East London ICB");
        // A peer's row is its headline value and gap: no counts, no group values.
        assertThat(peer.overall().value()).isEqualTo(4.9);
        assertThat(peer.overall().numerator()).isNull();
        assertThat(peer.overall().denominator()).isNull();
        assertThat(peer.value()).isNull();
        assertThat(peer.referenceValue()).isNull();
        assertThat(england.value()).isEqualTo(4.0);
        assertThat(england.overall().denominator()).isEqualTo(50_000L);

        assertThat(b.rows().get(3).note()).isEqualTo("No data for this area in the month");
        assertThat(b.statements()).containsExactly(
                "In October 2026, the gap (most minus least deprived) in QWE is -3.0 percentage points (95% CI -4.9 to "
                        + "-1.2), against -1.0 percentage points for England: significantly wider "
                        + "(difference -2.0 percentage points, 95% CI -3.9 to -0.1).",
                "Against 1 of its 2 peer ICBs with a published gap, QWE's gap is significantly wider than none, "
                        + "significantly narrower than none, and not significantly different from the rest.");
    }

    @Test
    void theCore20GapIsCore20AgainstTheRest() {
        Benchmarks b = Benchmarks.build(Metric.PIFU_RATE, Breakdown.CORE20, "2026-10", "QWE", PEERS, cells());
        // QWE: 30/1,000 against 210/4,000 (5.25%): −2.25 points, published −2.3 (to one decimal, half up).
        assertThat(b.rows().get(0).gap()).isEqualTo(-2.3);
        assertThat(b.gap()).isEqualTo("Core20 minus the rest");
    }

    @Test
    void widerAndNarrowerCompareTheSizesOfTheGapsEvenWhenTheyPointOppositeWays() {
        // Half-width 1.0: sizes 3.0 against 1.0 are clear of it; 2.6 against 2.5 are not, although
        // the gaps themselves (−2.6 and +2.5) differ by 5.1.
        assertThat(Benchmarks.judgement(-3.0, -1.0, 1.0)).isEqualTo("wider");
        assertThat(Benchmarks.judgement(-1.0, -3.0, 1.0)).isEqualTo("narrower");
        assertThat(Benchmarks.judgement(-2.6, 2.5, 1.0)).isEqualTo("similar");
        assertThat(Benchmarks.judgement(-4.0, 1.0, 1.0)).isEqualTo("wider");
        assertThat(Benchmarks.judgement(-1.5, -1.0, 1.0)).isEqualTo("similar");
    }

    @Test
    void onlyBreakdownsWithOneGapCanBeBenchmarked() {
        assertThatThrownBy(() -> Benchmarks.build(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, "2026-10", "QWE", PEERS,
                cells())).hasMessageContaining("by must be imd_quintile, imd_decile or core20");
    }
}
