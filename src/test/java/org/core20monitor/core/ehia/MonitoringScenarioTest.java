package org.core20monitor.core.ehia;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.core20monitor.core.GeneratedHistory;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.event.ParseResult;
import org.core20monitor.core.generator.GeneratorConfig;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.reference.Deprivation;
import org.core20monitor.core.reference.ImdEdition;
import org.core20monitor.core.view.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service change scenario built with the generator: PIFU is rolled out in dermatology at ICB QWE
 * from April 2026, and after go-live reaches the least deprived patients far more than the most
 * deprived (a fifth of their follow-ups that would have been booked move to PIFU). The change raises
 * the gap alert; a change registered for trauma and orthopaedics, where nothing changed, raises none.
 */
class MonitoringScenarioTest {

    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();
    private static final Scope DERMATOLOGY = new Scope("QWE", null, "330", null);
    private static final Scope ORTHOPAEDICS = new Scope("QWE", null, "110", null);
    private static final long GO_LIVE = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();

    private static final TestCells CELLS = new TestCells();
    private static final Set<String> PERIODS = new TreeSet<>();
    private static int moved;

    @BeforeAll
    static void generateAYearAndAHalfAndCountItByScope() {
        GeneratorConfig config = new GeneratorConfig(17, List.of("QWE"), ImdEdition.IMD2025,
                Instant.parse("2025-04-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(),
                4000, 0, 0, 6, false);
        EventParser parser = new EventParser();
        java.util.Random random = new java.util.Random(3);
        GeneratedHistory.forEach(config, read -> {
            OutpatientEvent e = read.event();
            EventProfile profile = read.profile();
            if (e.specialty().equals("330") && e.eventTimeMillis() >= GO_LIVE && e.attended()
                    && e.outcome() == Outcome.FOLLOW_UP && profile.imdDecile() != null
                    && Deprivation.quintile(profile.imdDecile()) == 5 && random.nextDouble() < 0.2) {
                e = valid(parser, read.line().replace("\"outcome\":\"FOLLOW_UP\"", "\"outcome\":\"PIFU\""));
                moved++;
            }
            String period = Periods.monthOf(e.eventTimeMillis());
            PERIODS.add(period);
            for (Scope scope : List.of(DERMATOLOGY, ORTHOPAEDICS)) {
                if (e.specialty().equals(scope.specialty())) {
                    CELLS.count(period, scope, e, profile);
                }
            }
        });
    }

    private static OutpatientEvent valid(EventParser parser, String line) {
        return ((ParseResult.Valid) parser.parse(line)).event();
    }

    private static ServiceChange registered(String name, Scope scope) {
        return new ServiceChange(null, name, scope, "2026-04-01", List.of("pifu_rate"), List.of("imd_quintile"),
                "2025-04", "2026-03", null, null, null, null, null).registered("chg-" + name.length(), "now", "test");
    }

    @Test
    void aRolloutThatLeavesTheMostDeprivedBehindRaisesTheGapAlert() {
        assertThat(moved).as("follow-ups moved to PIFU in the scenario").isGreaterThan(50);
        Monitoring m = Monitoring.build(registered("PIFU in dermatology", DERMATOLOGY), new ArrayList<>(PERIODS), CELLS,
                BREAKDOWNS);
        assertThat(m.before()).hasSize(12).startsWith("2025-04").endsWith("2026-03");
        assertThat(m.after()).hasSize(7).startsWith("2026-04").endsWith("2026-10");
        Monitoring.MetricReport pifu = m.metrics().get(0);
        Monitoring.GapChange gap = pifu.gaps().stream().filter(g -> g.breakdown().equals("imd_quintile")).findFirst()
                .orElseThrow();
        assertThat(gap.widened()).isTrue();
        assertThat(gap.after()).isLessThan(gap.before());
        // One deprivation gap (most against least deprived), and so at most one alert about it.
        assertThat(pifu.gaps().stream().filter(g -> g.breakdown().equals("imd_quintile"))).hasSize(1);
        assertThat(m.alerts().stream().filter(a -> a.kind().equals(Monitoring.GAP_WIDENED)
                && "imd_quintile".equals(a.breakdown()))).hasSize(1);
        assertThat(gap.changeUpper()).as("interval excludes no change").isNegative();
        assertThat(m.alerts()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(Monitoring.GAP_WIDENED);
            assertThat(a.metric()).isEqualTo("pifu_rate");
            assertThat(a.text()).contains("has widened since go-live");
        });
        // The quintile 5 value rose after go-live; quintile 1 did not move with it.
        Monitoring.GroupReport q5 = pifu.groups().stream().filter(g -> g.group().equals("5")).findFirst().orElseThrow();
        assertThat(q5.after().value()).isGreaterThan(q5.before().value());
    }

    @Test
    void aChangeWithNoEffectRaisesNoAlert() {
        Monitoring m = Monitoring.build(registered("Orthopaedics clinic", ORTHOPAEDICS), new ArrayList<>(PERIODS), CELLS,
                BREAKDOWNS);
        Monitoring.GapChange gap = m.metrics().get(0).gaps().stream()
                .filter(g -> g.breakdown().equals("imd_quintile")).findFirst().orElseThrow();
        assertThat(gap.widened()).isFalse();
        assertThat(m.alerts()).isEmpty();
    }

    @Test
    void onlyAGapToTheGroupsDisadvantageCountsAsLeavingItBehind() {
        assertThat(Monitoring.behind(org.core20monitor.core.metric.Metric.PIFU_RATE, -2.0)).isTrue();
        assertThat(Monitoring.behind(org.core20monitor.core.metric.Metric.PIFU_RATE, 4.0)).as("group ahead").isFalse();
        assertThat(Monitoring.behind(org.core20monitor.core.metric.Metric.DNA_RATE, 3.0)).isTrue();
        assertThat(Monitoring.behind(org.core20monitor.core.metric.Metric.DNA_RATE, -3.0)).isFalse();
        assertThat(Monitoring.behind(org.core20monitor.core.metric.Metric.DISCHARGE_RATE, -3.0)).isTrue();
    }
}
