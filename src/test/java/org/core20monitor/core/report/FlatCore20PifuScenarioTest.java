package org.core20monitor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.core20monitor.core.GeneratedHistory;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.reference.ImdLookup;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.Trajectories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's flat-Core20 scenario: PIFU rolls out across Birmingham and Solihull over the year to
 * November 2026, but the most deprived fifth's offer grows a fifth as fast as everyone else's. The
 * trajectory flags Core20 as reaching the 5% target later than the rest, the gap in patients matches
 * a hand count of the month's events, and the overview and board paper say both in plain English.
 */
class FlatCore20PifuScenarioTest {

    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();
    private static final Scope QHL = Scope.icb("QHL");
    private static final String OCTOBER = "2026-10";
    private static final TestCells CELLS = new TestCells();
    /** October's attended and PIFU counts of quintiles 1 and 5, counted here from the events themselves. */
    private static final long[] attended = new long[6];
    private static final long[] pifu = new long[6];

    @BeforeAll
    static void generateTheScenarioAndCountIt() {
        GeneratorConfig config = new GeneratorConfig(23, List.of("QHL"), ImdEdition.IMD2025,
                Instant.parse("2025-11-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(),
                4000, 0, 0, 6, false, GeneratorConfig.Scenario.FLAT_CORE20_PIFU);
        ImdLookup imd = ImdLookup.load(ImdEdition.IMD2025);
        GeneratedHistory.forEach(config, read -> {
            OutpatientEvent e = read.event();
            String period = Periods.monthOf(e.eventTimeMillis());
            CELLS.count(period, QHL, e, read.profile());
            // The hand count reads the LSOA's decile straight from the lookup.
            Integer decile = e.lsoa() == null ? null : imd.decile(e.lsoa());
            if (period.equals(OCTOBER) && decile != null && e.attended()) {
                int q = Deprivation.quintile(decile);
                attended[q]++;
                pifu[q] += e.outcome() == Outcome.PIFU ? 1 : 0;
            }
        });
    }

    @Test
    void theTrajectoryFlagsCore20AsReachingTheTargetLater() {
        Trajectories t = Trajectories.build(Metric.PIFU_RATE, Breakdown.CORE20, QHL, OCTOBER,
                TargetDates.defaults().of(Metric.PIFU_RATE), CELLS);
        Trajectories.Group core20 = t.groups().stream().filter(g -> g.group().equals("core20")).findFirst().orElseThrow();
        Trajectories.Group rest = t.groups().stream().filter(g -> g.group().equals("rest")).findFirst().orElseThrow();
        assertThat(core20.values()).doesNotContainNull();
        assertThat(core20.slopePerMonth()).as("Core20's trend is flatter").isLessThan(rest.slopePerMonth() / 2);
        assertThat(t.flags()).extracting(Trajectories.Flag::group).containsExactly("core20");
        assertThat(t.flags().get(0).text()).startsWith("For the most deprived 20% (Core20), the 5% target is ")
                .contains("; for everyone else it is ");
    }

    @Test
    void theGapInPatientsMatchesTheHandCount() {
        // At quintile 5's rate, quintile 1 would have had attended[1] × pifu[5] / attended[5] moved to PIFU.
        double expected = attended[1] * (double) pifu[5] / attended[5] - pifu[1];
        long published = Math.round(expected / 5) * 5;
        assertThat(expected).as("the most deprived 20% are behind").isGreaterThan(20);
        Overview overview = Overview.build(QHL, OCTOBER, List.of(OCTOBER), CELLS, BREAKDOWNS, ClinicalAreas.DEFAULT,
                TargetDates.defaults());
        Overview.Tile tile = overview.tiles().stream().filter(x -> x.metric().equals("pifu_rate")).findFirst().orElseThrow();
        assertThat(tile.outlook().gapInPatients()).startsWith("In October 2026, " + published
                + " more patients in the most deprived 20% would have been moved or discharged to PIFU at the rate of "
                + "the least deprived 20% (95% CI ");
    }

    @Test
    void theBoardPaperSaysBothInPlainEnglish() {
        List<String> months = new java.util.ArrayList<>();
        for (int i = Periods.monthIndex("2025-11"); i <= Periods.monthIndex(OCTOBER); i++) {
            months.add(Periods.period(i));
        }
        BoardPaper paper = BoardPaper.build(QHL, OCTOBER, months, CELLS, BREAKDOWNS, ClinicalAreas.DEFAULT,
                TargetDates.defaults(), null);
        BoardPaper.Section pifuSection = paper.sections().stream().filter(s -> s.metric() == Metric.PIFU_RATE)
                .findFirst().orElseThrow();
        double expected = attended[1] * (double) pifu[5] / attended[5] - pifu[1];
        assertThat(pifuSection.narrative()).anySatisfy(s -> assertThat(s).startsWith("In October 2026, "
                + Math.round(expected / 5) * 5 + " more patients in the most deprived 20% would have been moved"));
        assertThat(pifuSection.narrative()).anySatisfy(s -> assertThat(s).startsWith(
                "For the most deprived 20% (Core20), the 5% target is "));
        assertThat(paper.laterToTarget()).anySatisfy(f -> assertThat(f.text())
                .startsWith("Moved or discharged to PIFU: For the most deprived 20% (Core20), the 5% target is "));
    }
}
