package org.core20monitor.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.PeerGroups;
import org.core20monitor.core.stats.Spc;
import org.core20monitor.core.view.Benchmarks;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.Series;
import org.core20monitor.core.view.Trajectories;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;

/**
 * What a board paper says for one scope and month: the overview, the summary (headline metrics, the
 * largest gaps, gaps wider than last month, SPC signals, groups projected to reach a national target
 * later than the rest, gaps significantly wider than England's) and a section per metric with its
 * views by deprivation and ethnicity, its trend, its trajectories, its benchmarks and its narrative
 * (including the gap in patients and the population attributable risk). Everything is built from
 * disclosure-controlled views, so a paper carries the dashboard's numbers and nothing more.
 */
public record BoardPaper(Scope scope, String period, Overview overview, List<Finding> largestGaps,
                         List<Finding> wideningGaps, List<Finding> spcSignals, List<Finding> laterToTarget,
                         List<Finding> againstEngland, List<Section> sections) {

    /**
     * One metric's section. {@code trend} is its monthly series by IMD quintile up to the month;
     * {@code trajectories} where Core20 and each ethnic group are heading against a national target
     * (empty without one); {@code benchmarks} the deprivation gap beside England's and the peers' (null
     * outside an ICB or for a metric without gap intervals).
     */
    public record Section(Metric metric, View byQuintile, View byEthnicity, Series trend, List<String> narrative,
                          List<Trajectories> trajectories, Benchmarks benchmarks) {}

    /** A line of the summary about one metric. */
    public record Finding(Metric metric, String text) {}

    /** Findings listed in the summary, at most. */
    public static final int SUMMARY_ITEMS = 6;

    /**
     * @param targets the national targets' dates, for the trajectories
     * @param peers   the ICBs' peers, for the benchmarks (null: England alone)
     */
    public static BoardPaper build(Scope scope, String period, List<String> trend, ViewBuilder.Cells cells,
                                   Breakdowns breakdowns, ClinicalAreas areas, TargetDates targets, PeerGroups peers) {
        Overview.Prospects prospects = Overview.Prospects.of(scope, period, cells, targets, peers);
        Overview overview = Overview.build(scope, period, trend, cells, breakdowns, areas, prospects);
        List<Section> sections = new ArrayList<>();
        List<Finding> widening = new ArrayList<>();
        List<Finding> signals = new ArrayList<>();
        List<Finding> later = new ArrayList<>();
        List<Finding> england = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            Series series = Series.build(metric, Breakdown.IMD_QUINTILE, scope, trend, cells);
            View quintiles = DisclosureControl.view(metric, Breakdown.IMD_QUINTILE, period, scope, cells);
            View ethnicity = DisclosureControl.view(metric, Breakdown.ETHNICITY_GROUP, period, scope, cells);
            View previous = monthBefore(series, period);
            List<String> narrative = new ArrayList<>();
            if (quintiles != null) {
                narrative.addAll(Narrative.of(quintiles, metric, previous));
                addIfSaid(narrative, Narrative.gapInPatients(quintiles, metric, quintiles.groups().get(0)));
                addIfSaid(narrative, Narrative.attributable(quintiles, metric));
            }
            if (ethnicity != null) {
                narrative.addAll(Narrative.of(ethnicity, metric, null));
            }
            List<Trajectories> trajectories = prospects.trajectories().get(metric);
            for (Trajectories t : trajectories) {
                for (Trajectories.Flag f : t.flags()) {
                    narrative.add(f.text());
                    later.add(new Finding(metric, metric.label + ": " + f.text()));
                }
            }
            if (!trajectories.isEmpty()) {
                narrative.add(trajectories.get(0).groups().get(0).summary());
            }
            Benchmarks benchmarks = quintiles == null ? null : prospects.benchmarks().get(metric);
            if (benchmarks != null) {
                narrative.addAll(benchmarks.statements());
                Benchmarks.Row vsEngland = benchmarks.rows().get(1);
                if ("wider".equals(vsEngland.judgement())) {
                    england.add(new Finding(metric, metric.label + ": " + benchmarks.statements().get(0)));
                }
            }
            sections.add(new Section(metric, quintiles, ethnicity, series, narrative, trajectories, benchmarks));
            widening(metric, quintiles, previous, widening);
            signal(metric, "", series.overall(), signals);
            signal(metric, " (gap, most minus least deprived)", series.gap(), signals);
        }
        return new BoardPaper(scope, period, overview, largestGaps(overview), top(widening), top(signals), top(later),
                top(england), sections);
    }

    private static void addIfSaid(List<String> out, String sentence) {
        if (sentence != null) {
            out.add(sentence);
        }
    }

    /** Significant gaps against Core20 and White that are worse for the group, largest (relative) first. */
    static List<Finding> largestGaps(Overview overview) {
        record Gap(Metric metric, Overview.Versus vs, double relative) {}
        List<Gap> gaps = new ArrayList<>();
        for (Overview.Tile tile : overview.tiles()) {
            Metric metric = Metric.byId(tile.metric());
            for (Overview.Versus vs : new Overview.Versus[] {tile.core20(), tile.ethnicity()}) {
                if (vs != null && "worse".equals(vs.judgement()) && vs.referenceValue() != null
                        && vs.referenceValue() != 0 && vs.difference() != null) {
                    gaps.add(new Gap(metric, vs, Math.abs(vs.difference() / vs.referenceValue())));
                }
            }
        }
        gaps.sort(Comparator.comparingDouble(Gap::relative).reversed());
        return top(gaps.stream().map(g -> new Finding(g.metric(), g.metric().label + ": " + g.vs().label() + " "
                + Format.value(g.vs().value(), g.metric()) + " against " + Format.value(g.vs().referenceValue(), g.metric())
                + " for " + (g.vs().reference().equals("white") ? "White patients" : "everyone else") + " ("
                + Format.difference(g.vs().difference(), g.metric()) + ", 95% CI "
                + Format.interval(g.vs().lower(), g.vs().upper(), g.metric().unit().equals("ratio") ? "ratio" : "")
                + ")")).toList());
    }

    private static void widening(Metric metric, View now, View before, List<Finding> out) {
        Double gap = now == null || now.inequality() == null ? null : now.inequality().gap();
        Double was = before == null || before.inequality() == null ? null : before.inequality().gap();
        if (gap != null && was != null && Math.abs(gap) > Math.abs(was) + 0.05) {
            out.add(new Finding(metric, metric.label + ": the gap between the most and least deprived 20% is "
                    + Format.difference(gap, metric) + ", wider than " + Format.difference(was, metric) + " in "
                    + Format.period(before.period())
                    + (gapOverlaps(now, before) ? " (the change is within the 95% intervals)" : "")));
        }
    }

    /** Whether the two months' gap intervals overlap, so the change may be chance. */
    private static boolean gapOverlaps(View now, View before) {
        var a = now.inequality();
        var b = before.inequality();
        return a.gapLower() == null || b.gapLower() == null
                || (a.gapLower() <= b.gapUpper() && b.gapLower() <= a.gapUpper());
    }

    private static void signal(Metric metric, String what, Spc.Chart chart, List<Finding> out) {
        if (chart == null) {
            return;
        }
        String text = switch (chart.variation()) {
            case SPECIAL_CAUSE_CONCERN -> "special-cause variation of concern";
            case SPECIAL_CAUSE_IMPROVEMENT -> "special-cause improvement";
            case SPECIAL_CAUSE_NEITHER -> "special-cause variation";
            default -> null;
        };
        if (text != null) {
            out.add(new Finding(metric, metric.label + what + ": " + text + " in the latest month"));
        }
    }

    private static View monthBefore(Series series, String period) {
        for (int i = 1; i < series.views().size(); i++) {
            if (series.views().get(i).period().equals(period)) {
                return series.views().get(i - 1);
            }
        }
        return null;
    }

    private static <T> List<T> top(List<T> items) {
        return List.copyOf(items.subList(0, Math.min(SUMMARY_ITEMS, items.size())));
    }
}
