package org.core20monitor.core.view;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.calendar.WorkingDays;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.WaitStats;
import org.core20monitor.core.stats.ByarInterval;
import org.core20monitor.core.stats.GapInPatients;
import org.core20monitor.core.stats.GroupComparison;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.RateInterval;
import org.core20monitor.core.stats.SlopeIndex;
import org.core20monitor.core.stats.WilsonInterval;

/**
 * Builds a view from cell snapshots: each group's value and 95% interval by the metric's kind, each
 * group against the overall, the deprivation gap, ratio, SII and RII, and ethnicity groups against
 * White (SPEC §5, §6). The one place these numbers are computed; the server and the batch command
 * both call it.
 */
public final class ViewBuilder {

    /** Monte Carlo draws for SII/RII intervals (SPEC §6: at least 10,000, from a fixed seed). */
    public static final int SII_DRAWS = 10_000;

    /** Where cells come from: the stream job's store, or a batch run's results. */
    public interface Cells {
        /** The cell of a period and scope, or null. */
        CellSnapshot cell(String period, Scope scope);

        /** The scope's waiting-list snapshot at the current event time, or null. */
        CellSnapshot liveWaits(Scope scope);

        /** One cell, whatever the period and scope asked for (a pooled or single stored cell). */
        static Cells only(CellSnapshot cell) {
            return new Cells() {
                @Override
                public CellSnapshot cell(String period, Scope scope) {
                    return cell;
                }

                @Override
                public CellSnapshot liveWaits(Scope scope) {
                    return null;
                }
            };
        }
    }

    private ViewBuilder() {}

    /** The view, or null when the cells hold nothing for this metric, period and scope. */
    public static View build(Metric metric, Breakdown breakdown, String period, Scope scope, Cells cells) {
        CellSnapshot cell = cells.cell(period, scope);
        CellSnapshot source = cell;
        String asOf = null;
        List<String> notes = new ArrayList<>();
        if (metric.source == Metric.Source.WAITS) {
            if (cell == null || cell.waits() == null) {
                CellSnapshot live = cells.liveWaits(scope);
                source = live != null && period.equals(live.period()) ? live : null;
            }
            asOf = source == null ? null : source.waitsAsOf();
        }
        if (source == null || !holds(metric, source)) {
            return null;
        }
        Breakdowns layout = source.breakdowns();
        Slots slots = new Slots(metric, period, scope, source, cells, notes);

        GroupValue overall = slots.figures(null, "All patients", 0, null);
        List<GroupValue> groups = new ArrayList<>(breakdown.groups.size());
        int offset = breakdown == Breakdown.NONE ? 0 : layout.offset(breakdown);
        for (int i = 0; i < breakdown.groups.size(); i++) {
            groups.add(slots.figures(breakdown.groups.get(i), breakdown.labels.get(i), offset + i, overall.value()));
        }
        Inequality inequality = null;
        if (breakdown.isDeprivation()) {
            inequality = inequality(metric, groups.subList(0, groups.size() - 1), notes);
        }
        String reference = referenceGroup(breakdown);
        if (reference != null) {
            groups = againstReference(metric, groups, reference);
        }
        return new View(metric.id, period, source.provisional(), scope, breakdown.id, source.updatedAt(), overall,
                groups, inequality, asOf, notes, unknownShare(overall, groups));
    }

    private static boolean holds(Metric metric, CellSnapshot cell) {
        return switch (metric.source) {
            case EVENTS -> cell.events() != null;
            case WAITS -> cell.waits() != null;
            case COMPLETED -> cell.completed() != null;
        };
    }

    /** The financial year 2019/20 month matching a period: April–December 2019, January–March 2020. */
    public static String baselinePeriod(String period) {
        YearMonth month = Periods.parse(period);
        return YearMonth.of(month.getMonthValue() >= 4 ? 2019 : 2020, month.getMonth()).toString();
    }

    /** Figures of each slot of one cell for one metric. */
    private static final class Slots {
        private final Metric metric;
        private final CellSnapshot cell;
        private final MetricCounts counts;
        private final MetricCounts baseline;
        private final double changeFactor;

        Slots(Metric metric, String period, Scope scope, CellSnapshot cell, Cells cells, List<String> notes) {
            this.metric = metric;
            this.cell = cell;
            this.counts = cell.counts();
            if (metric == Metric.OPFU_CHANGE && cell.waitsAsOf() == null) {
                // A month in progress has only some of its working days' follow-ups: comparing them with a
                // whole baseline month would show a false fall. Its value waits for the month's end.
                this.baseline = null;
                this.changeFactor = 1;
                notes.add("The month is not over: follow-ups per working day are compared with 2019/20 once it ends");
            } else if (metric == Metric.OPFU_CHANGE) {
                String base = baselinePeriod(period);
                CellSnapshot baseCell = cells.cell(base, scope);
                this.baseline = baseCell == null ? null : baseCell.counts();
                // Follow-ups per working day against the same month of 2019/20 per working day.
                this.changeFactor = (double) WorkingDays.workingDays(YearMonth.parse(base))
                        / WorkingDays.workingDays(YearMonth.parse(period));
                if (baseline == null) {
                    notes.add("No data for " + base + ", the 2019/20 baseline month, in this scope");
                }
            } else {
                this.baseline = null;
                this.changeFactor = 1;
            }
        }

        GroupValue figures(String group, String label, int slot, Double overallValue) {
            switch (metric.kind) {
                case PROPORTION -> {
                    long num = numerator(slot);
                    long den = denominator(slot);
                    if (den == 0) {
                        return new GroupValue(group, label, num, den, null, null, null, null, false);
                    }
                    Interval ci = WilsonInterval.of95(num, den).scaled(100);
                    return shown(group, label, num, den, 100.0 * num / den, ci, overallValue);
                }
                case RATIO, RATE_PER_100 -> {
                    long num = numerator(slot);
                    long den = denominator(slot);
                    if (den == 0) {
                        return new GroupValue(group, label, num, den, null, null, null, null, false);
                    }
                    double multiplier = metric.kind == Metric.Kind.RATIO ? 1 : 100;
                    Interval ci = metric.kind == Metric.Kind.RATIO ? RateInterval.ratio(num, den)
                            : RateInterval.per100(num, den);
                    return shown(group, label, num, den, multiplier * num / den, ci, overallValue);
                }
                case CHANGE -> {
                    long num = numerator(slot);
                    long base = baseline == null ? 0 : baseline.numerator(metric, slot);
                    if (base == 0) {
                        return new GroupValue(group, label, num, base, null, null, null, null, false);
                    }
                    double perBase = changeFactor / base;
                    Interval count = ByarInterval.of95(num);
                    Interval ci = new Interval(100 * (count.lower() * perBase - 1), 100 * (count.upper() * perBase - 1));
                    return shown(group, label, num, base, 100 * (num * perBase - 1), ci, overallValue);
                }
                case COUNT -> {
                    long n = stats(slot).pathways();
                    // A group's count is always below the total: comparing it with the overall says nothing.
                    return shown(group, label, n, null, (double) n, ByarInterval.of95(n), null);
                }
                case MEDIAN -> {
                    WaitStats s = stats(slot);
                    if (s.medianDays() == null) {
                        return new GroupValue(group, label, s.pathways(), null, null, null, null, null, false);
                    }
                    // Weeks; the interval is the exact order-statistic one of the median in days.
                    Interval ci = new Interval(s.medianLowerDays() / 7, s.medianUpperDays() / 7);
                    return shown(group, label, s.pathways(), null, s.medianDays() / 7, ci, overallValue);
                }
                default -> throw new IllegalStateException(metric.kind.name());
            }
        }

        private long numerator(int slot) {
            return metric.source == Metric.Source.EVENTS ? counts.numerator(metric, slot) : stats(slot).numerator(metric);
        }

        private long denominator(int slot) {
            return metric.source == Metric.Source.EVENTS ? counts.denominator(metric, slot) : stats(slot).pathways();
        }

        private WaitStats stats(int slot) {
            List<WaitStats> list = metric.source == Metric.Source.COMPLETED ? cell.completed() : cell.waits();
            return list.get(slot);
        }
    }

    private static GroupValue shown(String group, String label, long num, Long den, double value, Interval ci,
                                    Double overallValue) {
        return new GroupValue(group, label, num, den, value, ci.lower(), ci.upper(), compare(ci, overallValue), false);
    }

    /** The Fingertips convention: the group differs when its interval excludes the overall value. */
    public static String compare(Interval groupInterval, Double overallValue) {
        if (overallValue == null) {
            return null;
        }
        if (groupInterval.lower() > overallValue) {
            return "higher";
        }
        return groupInterval.upper() < overallValue ? "lower" : "similar";
    }

    /** Gap and ratio of the most against the least deprived group, and SII/RII across all of them. */
    static Inequality inequality(Metric metric, List<GroupValue> quantiles, List<String> notes) {
        if (metric.kind == Metric.Kind.COUNT) {
            return null; // a difference in counts says more about group sizes than about inequality
        }
        GroupValue most = quantiles.get(0);
        GroupValue least = quantiles.get(quantiles.size() - 1);
        if (most.value() == null || least.value() == null) {
            notes.add("No gap: the most or least deprived group has no data");
            return null;
        }
        Double gap = most.value() - least.value();
        Double ratio = least.value() == 0 ? null : most.value() / least.value();
        Interval gapCi = null;
        Interval ratioCi = null;
        String gapMethod = "difference of values (no interval for this kind of metric)";
        GroupComparison c = compareCounts(metric, most, least);
        if (c != null) {
            gapCi = c.differenceInterval();
            ratioCi = c.ratioInterval();
            gapMethod = c.differenceMethod() + "; ratio by the " + c.ratioMethod();
        }

        SlopeIndex.Result sii = null;
        String siiMethod = null;
        SlopeIndex.Transform transform = switch (metric.kind) {
            case PROPORTION -> SlopeIndex.Transform.LOGIT;
            case RATIO, RATE_PER_100 -> SlopeIndex.Transform.LOG;
            case CHANGE, MEDIAN -> SlopeIndex.Transform.NONE;
            default -> null;
        };
        boolean complete = quantiles.stream().allMatch(q -> q.value() != null && q.lower() != null && weight(q) > 0);
        if (transform != null && complete) {
            List<SlopeIndex.Quantile> input = quantiles.stream()
                    .map(q -> new SlopeIndex.Quantile(weight(q), q.value(), q.lower(), q.upper())).toList();
            try {
                sii = SlopeIndex.compute(input, transform, 100, SII_DRAWS, SlopeIndex.DEFAULT_SEED);
                siiMethod = "PHEindicatormethods phe_sii, " + sii.transformUsed().name().toLowerCase()
                        + " working scale, " + SII_DRAWS + " Monte Carlo draws from a fixed seed";
                if (sii.untransformedBecause() != null) {
                    notes.add("SII computed untransformed: " + sii.untransformedBecause());
                }
            } catch (IllegalArgumentException e) {
                notes.add("No SII: " + e.getMessage());
            }
        } else if (transform != null) {
            notes.add("No SII: a deprivation group has no data");
        }
        return new Inequality(gap, gapCi == null ? null : gapCi.lower(), gapCi == null ? null : gapCi.upper(),
                ratio, ratioCi == null ? null : ratioCi.lower(), ratioCi == null ? null : ratioCi.upper(),
                sii == null ? null : sii.sii(), sii == null ? null : sii.siiLower(), sii == null ? null : sii.siiUpper(),
                sii == null ? null : sii.rii(), sii == null ? null : sii.riiLower(), sii == null ? null : sii.riiUpper(),
                Inequality.ORIENTATION, gapMethod, siiMethod, null, sii == null ? null : fitCurve(sii),
                attributable(metric, quantiles));
    }

    /**
     * The population attributable risk: the quantiles other than the least deprived pooled and set
     * against it; null where the metric's kind has no comparison of counts or a quantile has no data.
     */
    static Inequality.Attributable attributable(Metric metric, List<GroupValue> quantiles) {
        if (quantiles.stream().anyMatch(q -> q.denominator() == null || q.numerator() == null)) {
            return null;
        }
        GroupValue least = quantiles.get(quantiles.size() - 1);
        long numerator = 0;
        long denominator = 0;
        for (GroupValue q : quantiles.subList(0, quantiles.size() - 1)) {
            numerator += q.numerator();
            denominator += q.denominator();
        }
        GroupValue pooled = new GroupValue("pooled", null, numerator, denominator, null, null, null, null, false);
        GroupComparison c = compareCounts(metric, pooled, least);
        if (c == null) {
            return null;
        }
        GapInPatients.AttributableRisk par = GapInPatients.attributable(c, denominator, least.denominator(),
                unitPerFraction(metric));
        return new Inequality.Attributable(par.patients().patients(), par.patients().lower(), par.patients().upper(),
                par.risk(), par.riskLower(), par.riskUpper(), par.percent(), par.percentLower(), par.percentUpper());
    }

    /** The metric's unit per fraction of its denominator: 100 for percentages and rates per 100, 1 for ratios. */
    private static double unitPerFraction(Metric metric) {
        return metric.kind == Metric.Kind.RATIO ? 1 : 100;
    }

    private static List<Double> fitCurve(SlopeIndex.Result sii) {
        List<Double> fit = new ArrayList<>(Inequality.FIT_POINTS);
        for (int i = 0; i < Inequality.FIT_POINTS; i++) {
            fit.add(SlopeIndex.fitted(sii, 100, (double) i / (Inequality.FIT_POINTS - 1)));
        }
        return fit;
    }

    /** The percentage of the overall's weight in the "unknown" group, or null when there is none. */
    static Double unknownShare(GroupValue overall, List<GroupValue> groups) {
        GroupValue unknown = groups.stream().filter(g -> "unknown".equals(g.group())).findFirst().orElse(null);
        long all = weight(overall);
        return unknown == null || all == 0 ? null : 100.0 * weight(unknown) / all;
    }

    /** A quantile's share in the SII fit: the metric's denominator, or for a median its number of pathways. */
    private static long weight(GroupValue q) {
        Long w = q.denominator() != null ? q.denominator() : q.numerator();
        return w == null ? 0 : w;
    }

    /** A group against a reference from their counts, where the metric's kind has a method for it. */
    private static GroupComparison compareCounts(Metric metric, GroupValue group, GroupValue reference) {
        if (group.denominator() == null || reference.denominator() == null || group.denominator() == 0
                || reference.denominator() == 0) {
            return null;
        }
        try {
            return switch (metric.kind) {
                case PROPORTION -> GroupComparison.ofProportions(group.numerator(), group.denominator(),
                        reference.numerator(), reference.denominator(), 100);
                case RATIO -> GroupComparison.ofRates(group.numerator(), group.denominator(), reference.numerator(),
                        reference.denominator(), 1);
                case RATE_PER_100 -> GroupComparison.ofRates(group.numerator(), group.denominator(),
                        reference.numerator(), reference.denominator(), 100);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The group others are compared with, where a breakdown has one: White for ethnicity groups, the
     * least deprived quantile for deprivation, the rest of the population for Core20, and those not in
     * the group for a PLUS group.
     */
    public static String referenceGroup(Breakdown breakdown) {
        if (breakdown.id.equals(Breakdown.ETHNICITY_GROUP.id)) {
            return "white";
        }
        if (breakdown.isDeprivation()) {
            return breakdown.groups.get(breakdown.groups.size() - 2); // the least deprived; "unknown" is last
        }
        if (breakdown.id.equals(Breakdown.CORE20.id)) {
            return "rest";
        }
        return breakdown.isPlus() ? "no" : null;
    }

    /** Each group (but the reference and "unknown") against the reference group. */
    private static List<GroupValue> againstReference(Metric metric, List<GroupValue> groups, String referenceKey) {
        GroupValue reference = groups.stream().filter(g -> g.group().equals(referenceKey)).findFirst().orElseThrow();
        List<GroupValue> out = new ArrayList<>(groups.size());
        for (GroupValue g : groups) {
            GroupComparison c = g == reference || "unknown".equals(g.group()) ? null
                    : compareCounts(metric, g, reference);
            GapInPatients.Patients patients = c == null ? null
                    : GapInPatients.of(c, g.denominator(), unitPerFraction(metric));
            out.add(c == null ? g : g.withReference(new ReferenceComparison(referenceKey,
                    c.difference(), c.differenceInterval().lower(), c.differenceInterval().upper(),
                    c.ratio(), c.ratioInterval() == null ? null : c.ratioInterval().lower(),
                    c.ratioInterval() == null ? null : c.ratioInterval().upper(),
                    c.differenceSignificant() || c.ratioSignificant(),
                    patients.patients(), patients.lower(), patients.upper())));
        }
        return out;
    }
}
