package org.core20monitor.core.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.stats.Spc;
import org.junit.jupiter.api.Test;

class SeriesAndOverviewTest {

    private static final Scope QWE = Scope.icb("QWE");

    /** PIFU n/d by quintile for one month, with 20 records of unknown deprivation. */
    private static TestCells.Cell month(long q1, long q5, long denominator) {
        TestCells.Cell cell = TestCells.cell();
        TestEvents.addPifuGroup(cell, 1, q1, denominator);
        TestEvents.addPifuGroup(cell, 5, 40, denominator);
        TestEvents.addPifuGroup(cell, 10, q5, denominator);
        TestEvents.addPifuGroup(cell, null, 10, 20);
        return cell;
    }

    @Test
    void seriesCarriesTheSameMonthOf2019To20AndChartsPublishedValues() {
        TestCells cells = TestCells.of();
        List<String> periods = new ArrayList<>();
        long[] q1 = {20, 22, 25, 30, 31, 35};
        for (int m = 0; m < q1.length; m++) {
            String period = "2026-0" + (m + 4);
            periods.add(period);
            cells.put(month(q1[m], 90, 1000).snapshot(period, QWE));
        }
        // 2019/20: only June 2019 is held, at 130 / 3020.
        cells.put(month(40, 40, 1000).snapshot("2019-06", QWE));
        assertThat(Series.periodsRead(periods)).contains("2026-04", "2019-04", "2019-09").hasSize(12);

        Series s = Series.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, QWE, periods, cells);
        assertThat(s.views()).hasSize(6);
        assertThat(s.baseline()).hasSize(6);
        assertThat(s.baseline().get(2)).isEqualTo(DisclosureControl.published(100.0 * 130 / 3020));
        assertThat(s.baseline()).filteredOn(v -> v != null).hasSize(1);

        // The overall chart is Spc over the published overall values, computed here a second way.
        List<Double> published = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (int m = 0; m < q1.length; m++) {
            long num = q1[m] + 40 + 90 + 10;
            published.add(Math.round(1000.0 * num / 3020) / 10.0);
            gaps.add(Math.round(10.0 * (100.0 * q1[m] / 1000 - 9.0)) / 10.0);
        }
        assertThat(s.views().stream().map(v -> v.overall().value()).toList()).isEqualTo(published);
        double mean = published.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double mr = 0;
        for (int i = 1; i < published.size(); i++) {
            mr += Math.abs(published.get(i) - published.get(i - 1));
        }
        mr /= published.size() - 1;
        assertThat(s.overall().mean()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.overall().upperLimit()).isCloseTo(mean + 2.66 * mr, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.gap().points().stream().map(Spc.Point::value).toList()).isEqualTo(gaps);
        assertThat(s.gap().variation()).as("six rising points are not yet a trend").isNotNull();
    }

    @Test
    void tileComparesCore20WithTheRestAndFindsTheEthnicGroupFurthestBehind() {
        TestCells.Cell cell = TestCells.cell();
        // Core20 (quintile 1): 30/1000 = 3%; the rest (quintile 5): 90/1000 = 9%
        TestEvents.addPifuGroup(cell, 1, 30, 1000);
        TestEvents.addPifuGroup(cell, 10, 90, 1000);
        // Ethnicity: White 50/500, Asian 4% (significantly behind), Black 7.5% (behind, not significant)
        long[][] eth = {{50, 500}, {0, 0}, {20, 500}, {12, 160}, {0, 0}, {30, 300}};
        for (int g = 0; g < eth.length; g++) {
            EventProfile p = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, g);
            cell.add(TestEvents.attended(Outcome.PIFU, 5, "A"), p, eth[g][0]);
            cell.add(TestEvents.attended(Outcome.DISCHARGED, 5, "A"), p, eth[g][1] - eth[g][0]);
        }
        TestCells cells = TestCells.of(cell.snapshot("2026-10", QWE));
        View core20 = published(Metric.PIFU_RATE, Breakdown.CORE20, cells);
        View ethnicity = published(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, cells);
        View imd = published(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, cells);
        Overview.Tile tile = Overview.tile(Metric.PIFU_RATE, core20, ethnicity, imd, null);

        assertThat(tile.overall()).isEqualTo(core20.overall());
        Overview.Versus c = tile.core20();
        assertThat(c.group()).isEqualTo("core20");
        assertThat(c.referenceValue()).isEqualTo(core20.groups().get(1).value());
        assertThat(c.difference()).isEqualTo(core20.groups().get(0).vsReference().difference());
        assertThat(c.significant()).isTrue();
        assertThat(c.judgement()).as("PIFU: higher is better, Core20 lower").isEqualTo("worse");

        Overview.Versus e = tile.ethnicity();
        assertThat(e.group()).as("a significant gap outranks a larger chance one").isEqualTo("asian");
        // White includes the deprivation records above: (50 + 120) / 2500 = 6.8%
        assertThat(e.referenceValue()).isEqualTo(6.8).isEqualTo(ethnicity.groups().get(0).value());
        assertThat(e.value()).isEqualTo(4.0);
        assertThat(e.difference()).isEqualTo(ethnicity.groups().get(2).vsReference().difference()).isEqualTo(-2.8);
        assertThat(e.judgement()).isEqualTo("worse");

        // Ethnicity not known: 300 of 3460 records (the deprivation records are White).
        assertThat(tile.ethnicityUnknownShare()).isEqualTo(ethnicity.unknownShare()).isGreaterThan(5.0);
        assertThat(tile.flags()).anySatisfy(f -> assertThat(f).startsWith("Ethnicity not known"));
        assertThat(tile.variation()).isEqualTo("NOT_ENOUGH_DATA");
    }

    @Test
    void judgementFollowsTheMetricsDirection() {
        assertThat(Overview.judgement(Metric.DNA_RATE, 2.0, true)).isEqualTo("worse");
        assertThat(Overview.judgement(Metric.DNA_RATE, -2.0, true)).isEqualTo("better");
        assertThat(Overview.judgement(Metric.PIFU_RATE, -2.0, true)).isEqualTo("worse");
        assertThat(Overview.judgement(Metric.DISCHARGE_RATE, -2.0, true)).isEqualTo("different");
        assertThat(Overview.judgement(Metric.PIFU_RATE, -2.0, false)).isEqualTo("similar");
        assertThat(Overview.judgement(Metric.PIFU_RATE, null, false)).isNull();
    }

    @Test
    void anAreaIsJudgedByWhetherItsIntervalExcludesTheScopesValue() {
        TestCells.Cell area = TestCells.cell();
        TestEvents.addPifuGroup(area, 5, 20, 1000);   // 2.0%, Wilson 1.3 to 3.1
        View view = published(Metric.PIFU_RATE, Breakdown.NONE, TestCells.of(area.snapshot("2026-10", QWE)));
        assertThat(Overview.areaCell(Metric.PIFU_RATE, view, 6.0).judgement()).isEqualTo("worse");
        assertThat(Overview.areaCell(Metric.PIFU_RATE, view, 2.5).judgement()).isEqualTo("similar");
        assertThat(Overview.areaCell(Metric.PIFU_RATE, view, 2.5).value()).isEqualTo(2.0);
        assertThat(Overview.areaCell(Metric.PIFU_RATE, null, 2.5).value()).isNull();
    }

    private static View published(Metric metric, Breakdown breakdown, TestCells cells) {
        return DisclosureControl.apply(ViewBuilder.build(metric, breakdown, "2026-10", QWE, cells));
    }
}
