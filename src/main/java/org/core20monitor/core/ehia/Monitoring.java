package org.core20monitor.core.ehia;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.stats.DifferenceInDifferences;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.Spc;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Inequality;
import org.core20monitor.core.view.ReferenceComparison;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.Series;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;

/**
 * EHIA monitoring of one service change: for each watched metric and group, the value over the
 * baseline window and since go-live (counts pooled over the months, so the intervals are those of the
 * pooled counts), the change in the deprivation gap and in each group's gap to its reference (White,
 * or everyone else) as a difference in differences with a 95% interval, and the Making Data Count
 * chart of the monthly deprivation gap since go-live. An alert is raised when a gap widens
 * significantly to the group's disadvantage (for a metric with no good direction, either way) or
 * the gap chart shows special-cause variation of concern. Everything published here
 * has been through disclosure control; a change whose gaps use a hidden figure is not shown.
 */
public record Monitoring(String change, List<String> before, List<String> after, List<MetricReport> metrics,
                         List<Alert> alerts, List<String> notes) {

    /**
     * One metric: the groups before and after, the gap changes, and the gap chart since go-live with
     * its months (those with data, which a small scope may not have every month).
     */
    public record MetricReport(String metric, List<GroupReport> groups, List<GapChange> gaps, Spc.Chart gapSinceGoLive,
                               List<String> gapMonths) {}

    /** A group's published figures over the baseline window and since go-live. */
    public record GroupReport(String breakdown, String group, String label, GroupValue before, GroupValue after) {}

    /**
     * The gap of {@code group} (most deprived 20% for the deprivation gap) to its reference, before and
     * after, and the change with its 95% interval; {@code widened} when the change is significant and
     * away from zero.
     */
    public record GapChange(String breakdown, String group, String label, String reference, Double before,
                            Double after, Double change, Double changeLower, Double changeUpper, boolean widened) {}

    /** Something the programme team should look at. */
    public record Alert(String metric, String breakdown, String group, String kind, String text) {}

    public static final String GAP_WIDENED = "gap_widened";
    public static final String SPECIAL_CAUSE = "special_cause";

    /**
     * Monitors {@code change} over {@code periods} (the months with data, oldest first) from
     * {@code cells}. Metrics other than the month's activity (waiting lists, medians, the change since
     * 2019/20) cannot be pooled over months and are noted instead.
     */
    public static Monitoring build(ServiceChange change, List<String> periods, ViewBuilder.Cells cells,
                                   Breakdowns breakdowns) {
        YearMonth from = YearMonth.parse(change.baselineFrom());
        YearMonth to = YearMonth.parse(change.baselineTo());
        LocalDate live = LocalDate.parse(change.goLive());
        // A service that started part-way through a month is judged from the first whole month.
        YearMonth firstAfter = live.getDayOfMonth() == 1 ? YearMonth.from(live) : YearMonth.from(live).plusMonths(1);
        List<String> before = periods.stream().filter(p -> !YearMonth.parse(p).isBefore(from)
                && !YearMonth.parse(p).isAfter(to)).toList();
        List<String> after = periods.stream().filter(p -> !YearMonth.parse(p).isBefore(firstAfter)).toList();

        List<MetricReport> reports = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (after.isEmpty()) {
            notes.add("No whole month of data since go-live yet");
        }
        for (String id : change.metrics()) {
            Metric metric = Metric.byId(id);
            if (metric.source != Metric.Source.EVENTS || metric == Metric.OPFU_CHANGE) {
                notes.add(metric.label + ": a month-by-month figure that cannot be pooled over months; see its trend");
                continue;
            }
            CellSnapshot pooledBefore = pool(before, change.scope(), cells, breakdowns);
            CellSnapshot pooledAfter = pool(after, change.scope(), cells, breakdowns);
            List<GroupReport> groups = new ArrayList<>();
            List<GapChange> gaps = new ArrayList<>();
            Spc.Chart gapChart = null;
            List<String> gapMonths = List.of();
            for (String breakdownId : change.groups()) {
                Breakdown breakdown = breakdowns.byId(breakdownId);
                View rawBefore = view(metric, breakdown, change, pooledBefore);
                View rawAfter = view(metric, breakdown, change, pooledAfter);
                if (rawBefore == null || rawAfter == null) {
                    continue;
                }
                View pubBefore = DisclosureControl.apply(rawBefore);
                View pubAfter = DisclosureControl.apply(rawAfter);
                for (int i = 0; i < pubBefore.groups().size(); i++) {
                    GroupValue b = pubBefore.groups().get(i);
                    groups.add(new GroupReport(breakdown.id, b.group(), b.label(), b, pubAfter.groups().get(i)));
                }
                if (breakdown.id.equals(Breakdown.IMD_QUINTILE.id)) {
                    GapChange gap = deprivationGap(metric, rawBefore, rawAfter, pubBefore, pubAfter);
                    if (gap != null) {
                        gaps.add(gap);
                    }
                    Series gapSeries = Series.build(metric, Breakdown.IMD_QUINTILE, change.scope(), after, cells);
                    gapChart = gapSeries.gap();
                    gapMonths = gapSeries.views().stream().map(View::period).toList();
                }
                // Deprivation's gap is the one above (most against least deprived), not each quantile's.
                for (int i = 0; i < rawBefore.groups().size() && !breakdown.isDeprivation(); i++) {
                    GapChange gap = referenceGap(metric, breakdown, rawBefore.groups().get(i), rawAfter.groups().get(i),
                            pubBefore.groups().get(i), pubAfter.groups().get(i));
                    if (gap != null) {
                        gaps.add(gap);
                    }
                }
            }
            for (GapChange gap : gaps) {
                if (gap.widened()) {
                    alerts.add(new Alert(metric.id, gap.breakdown(), gap.group(), GAP_WIDENED, metric.label + ": the gap for "
                            + gap.label() + " has widened since go-live, from " + gap.before() + " to " + gap.after()
                            + " (change " + gap.change() + ", 95% CI " + gap.changeLower() + " to " + gap.changeUpper() + ")"));
                }
            }
            if (gapChart != null && (gapChart.variation() == Spc.Variation.SPECIAL_CAUSE_CONCERN
                    || gapChart.variation() == Spc.Variation.SPECIAL_CAUSE_NEITHER)) {
                alerts.add(new Alert(metric.id, Breakdown.IMD_QUINTILE.id, "1", SPECIAL_CAUSE, metric.label
                        + ": special-cause variation in the deprivation gap since go-live"));
            }
            reports.add(new MetricReport(metric.id, groups, gaps, gapChart, gapMonths));
        }
        return new Monitoring(change.id(), before, after, reports, alerts, notes);
    }

    /** The most deprived against the least deprived 20%: gap before, after and its change. */
    private static GapChange deprivationGap(Metric metric, View rawBefore, View rawAfter, View pubBefore, View pubAfter) {
        Inequality b = rawBefore.inequality();
        Inequality a = rawAfter.inequality();
        if (b == null || a == null || b.gap() == null || a.gap() == null || b.gapLower() == null || a.gapLower() == null
                || pubBefore.inequality() == null || pubAfter.inequality() == null
                || pubBefore.inequality().gap() == null || pubAfter.inequality().gap() == null) {
            return null;
        }
        return gapChange(metric, Breakdown.IMD_QUINTILE.id, "1", "the most deprived 20% (against the least deprived 20%)",
                "5", b.gap(), new Interval(b.gapLower(), b.gapUpper()), a.gap(), new Interval(a.gapLower(), a.gapUpper()));
    }

    /** A group against its breakdown's reference (White, everyone else) before and after. */
    private static GapChange referenceGap(Metric metric, Breakdown breakdown, GroupValue rawBefore, GroupValue rawAfter,
                                          GroupValue pubBefore, GroupValue pubAfter) {
        ReferenceComparison b = rawBefore.vsReference();
        ReferenceComparison a = rawAfter.vsReference();
        if (b == null || a == null || pubBefore.vsReference() == null || pubAfter.vsReference() == null
                || b.differenceLower() == null || a.differenceLower() == null) {
            return null;
        }
        String against = "white".equals(b.reference()) ? "White patients" : "everyone else";
        return gapChange(metric, breakdown.id, rawBefore.group(), rawBefore.label() + " (against " + against + ")",
                b.reference(), b.difference(), new Interval(b.differenceLower(), b.differenceUpper()), a.difference(),
                new Interval(a.differenceLower(), a.differenceUpper()));
    }

    private static GapChange gapChange(Metric metric, String breakdown, String group, String label, String reference,
                                       double before, Interval beforeCi, double after, Interval afterCi) {
        DifferenceInDifferences.Result did = DifferenceInDifferences.of(before, beforeCi, after, afterCi);
        return new GapChange(breakdown, group, label, reference, DisclosureControl.published(before),
                DisclosureControl.published(after), DisclosureControl.published(did.change()),
                DisclosureControl.published(did.lower()), DisclosureControl.published(did.upper()),
                DifferenceInDifferences.widened(before, after, did) && behind(metric, after));
    }

    /**
     * Whether a gap (the group minus its reference) leaves the group worse off in the metric's
     * direction: a gap that widens in the group's favour is not what EHIA monitoring alerts on.
     */
    static boolean behind(Metric metric, double gap) {
        return switch (metric.direction) {
            case HIGHER_IS_BETTER -> gap < 0;
            case LOWER_IS_BETTER -> gap > 0;
            case CONTEXT -> true;
        };
    }

    private static View view(Metric metric, Breakdown breakdown, ServiceChange change, CellSnapshot pooled) {
        if (pooled == null) {
            return null;
        }
        return ViewBuilder.build(metric, breakdown, pooled.period(), change.scope(), ViewBuilder.Cells.only(pooled));
    }

    /** The months' event counts added together, labelled with the last month; null with none. */
    static CellSnapshot pool(List<String> months, Scope scope, ViewBuilder.Cells cells, Breakdowns breakdowns) {
        long[] sum = null;
        String last = null;
        boolean provisional = false;
        for (String month : months) {
            CellSnapshot cell = cells.cell(month, scope);
            if (cell == null || cell.events() == null) {
                continue;
            }
            if (sum == null) {
                sum = new long[cell.events().length];
            }
            if (cell.events().length != sum.length) {
                throw new IllegalStateException("cells of " + scope.id() + " have different layouts");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += cell.events()[i];
            }
            last = month;
            provisional |= cell.provisional();
        }
        return sum == null ? null : new CellSnapshot(last, scope, provisional, null, breakdowns.plusGroups(), sum, null,
                null, null);
    }
}
