package org.core20monitor.core.view;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.report.Narrative;
import org.core20monitor.core.stats.Interval;
import org.core20monitor.core.stats.Spc;
import org.core20monitor.core.stats.Trajectory;

/**
 * Where each group of a breakdown is heading against a metric's national target: for all patients and
 * each group, the published monthly values of the last {@link Trajectory#WINDOW} months, their SPC
 * baseline (the XmR mean and limits), the least-squares line with its 95% prediction interval over the
 * months ahead, and the month the line reaches the target or that it is not on course to. A group is
 * flagged when it is the most deprived quantile, Core20, an ethnic minority or a PLUS group and is
 * projected to reach the target later than its reference group. Built from disclosure-controlled
 * values only, so nothing here can give back a hidden figure.
 */
public record Trajectories(String metric, Scope scope, String breakdown, String period, Double target,
                           String targetBy, String method, List<String> months, List<Group> groups,
                           List<Flag> flags, List<String> notes) {

    public static final String METHOD = "Least-squares straight line through the published monthly values of the "
            + "last " + Trajectory.WINDOW + " months (at least " + Trajectory.MIN_POINTS + "), with a 95% "
            + "prediction interval (t distribution) for a single month; the SPC baseline is the XmR chart's mean "
            + "and limits over the same months. \"Not on current trend\": the line is flat, moves away from the "
            + "target, or reaches it more than " + Trajectory.HORIZON_MONTHS + " months ahead.";

    /** The most months ahead a projection is drawn. */
    public static final int MAX_AHEAD = 36;
    /** The fewest months ahead a projection is drawn, when the target date is sooner or has passed. */
    public static final int MIN_AHEAD = 6;

    /**
     * One group's trajectory. {@code fitted} has the line's value for each of {@code months} (null
     * without a line); {@code reaches} is the month the line reaches the target ("YYYY-MM", the latest
     * month when it meets it now), null when it does not; {@code slopePerMonth} is the line's change
     * per month to two decimals (a rare outcome such as a long wait moves by hundredths of a point).
     */
    public record Group(String group, String label, List<Double> values, Double baselineMean, Double baselineLower,
                        Double baselineUpper, String status, Double slopePerMonth, List<Double> fitted,
                        String reaches, boolean onTime, List<Projected> projection, String summary) {}

    /** A month ahead: the line's value and the 95% prediction interval of one month's value. */
    public record Projected(String period, Double value, Double lower, Double upper) {}

    /** A group projected to reach the target later than its reference group, in plain English. */
    public record Flag(String group, String label, String reference, String text) {}

    /**
     * The trajectories of a metric with a national target, by {@code breakdown}, for the
     * {@link Trajectory#WINDOW} months up to {@code period}; null for a metric without a target.
     */
    public static Trajectories build(Metric metric, Breakdown breakdown, Scope scope, String period, YearMonth targetBy,
                                     ViewBuilder.Cells cells) {
        if (metric.target == null || targetBy == null) {
            return null;
        }
        int latest = Periods.monthIndex(period);
        List<String> months = months(period);
        Series series = Series.build(metric, breakdown, scope, months, cells);
        int deadline = Periods.monthIndex(targetBy.toString()) - latest;
        boolean higher = metric.direction == Metric.Direction.HIGHER_IS_BETTER;

        List<Group> groups = new ArrayList<>();
        groups.add(group(metric, "all", "All patients", valuesOf(series, months, null), months, deadline, higher,
                targetBy));
        for (int i = 0; i < breakdown.groups.size(); i++) {
            String key = breakdown.groups.get(i);
            if (!key.equals("unknown")) {
                groups.add(group(metric, key, breakdown.labels.get(i), valuesOf(series, months, key), months, deadline,
                        higher, targetBy));
            }
        }
        List<Flag> flags = flags(metric, breakdown, groups, targetBy.toString());
        List<String> notes = new ArrayList<>();
        if (deadline < 0) {
            notes.add("The target date, " + targetBy + ", has passed: the projection shows when the target is reached");
        }
        return new Trajectories(metric.id, scope, breakdown.id, period, metric.target, targetBy.toString(), METHOD,
                months, groups, flags, notes);
    }

    /** The breakdowns whose trajectories the overview and the board paper show: Core20, and ethnicity. */
    public static final List<Breakdown> WATCHED = List.of(Breakdown.CORE20, Breakdown.ETHNICITY_GROUP);

    /**
     * The trajectories of {@link #WATCHED}, for a metric with a national target and a target date;
     * empty otherwise.
     */
    public static List<Trajectories> watched(Metric metric, Scope scope, String period, TargetDates targets,
                                             ViewBuilder.Cells cells) {
        if (metric.target == null || targets == null || targets.of(metric) == null) {
            return List.of();
        }
        return WATCHED.stream().map(by -> build(metric, by, scope, period, targets.of(metric), cells)).toList();
    }

    /** The months a trajectory fits: {@link Trajectory#WINDOW} months up to and including {@code period}. */
    public static List<String> months(String period) {
        int latest = Periods.monthIndex(period);
        List<String> months = new ArrayList<>();
        for (int i = latest - Trajectory.WINDOW + 1; i <= latest; i++) {
            months.add(Periods.period(i));
        }
        return months;
    }

    /** Each month's published value of a group (the overall for null); null where hidden or not held. */
    private static List<Double> valuesOf(Series series, List<String> months, String key) {
        List<Double> values = new ArrayList<>();
        for (String month : months) {
            View view = series.views().stream().filter(v -> v.period().equals(month)).findFirst().orElse(null);
            GroupValue g = view == null ? null : key == null ? view.overall()
                    : view.groups().stream().filter(x -> x.group().equals(key)).findFirst().orElse(null);
            values.add(g == null ? null : g.value());
        }
        return values;
    }

    private static Group group(Metric metric, String key, String label, List<Double> values, List<String> months,
                               int deadline, boolean higher, YearMonth targetBy) {
        Spc.Chart baseline = Spc.chart(values, Spc.Direction.valueOf(metric.direction.name()), metric.target);
        Trajectory.Projection p = Trajectory.project(values, metric.target, higher, deadline);
        Trajectory.Fit fit = p.fit();
        int latest = months.size() - 1;
        List<Double> fitted = new ArrayList<>();
        List<Projected> projection = new ArrayList<>();
        if (fit != null) {
            for (int x = 0; x <= latest; x++) {
                fitted.add(DisclosureControl.published(fit.at(x)));
            }
            int ahead = Math.min(MAX_AHEAD, Math.max(MIN_AHEAD, Math.max(deadline,
                    p.monthsAhead() == null ? 0 : p.monthsAhead())));
            int latestIndex = Periods.monthIndex(months.get(latest));
            for (int k = 1; k <= ahead; k++) {
                Interval pi = fit.predictionInterval(latest + k);
                projection.add(new Projected(Periods.period(latestIndex + k), DisclosureControl.published(fit.at(latest + k)),
                        DisclosureControl.published(pi.lower()), DisclosureControl.published(pi.upper())));
            }
        }
        String reaches = p.monthsAhead() == null ? null
                : Periods.period(Periods.monthIndex(months.get(latest)) + p.monthsAhead());
        Group g = new Group(key, label, values, baseline.mean() == null ? null : DisclosureControl.published(baseline.mean()),
                DisclosureControl.published(baseline.lowerLimit()), DisclosureControl.published(baseline.upperLimit()),
                p.status().name(), fit == null ? null : Math.round(fit.slope() * 100) / 100.0, fitted, reaches,
                p.onTime(), projection, null);
        return withSummary(g, metric, targetBy);
    }

    private static Group withSummary(Group g, Metric metric, YearMonth targetBy) {
        return new Group(g.group(), g.label(), g.values(), g.baselineMean(), g.baselineLower(), g.baselineUpper(),
                g.status(), g.slopePerMonth(), g.fitted(), g.reaches(), g.onTime(), g.projection(),
                Narrative.trajectory(metric, g.label(), Trajectory.Status.valueOf(g.status()), g.reaches(),
                        targetBy.toString()));
    }

    /**
     * The groups a reader most needs warning about (the most deprived quantile, Core20, every ethnic
     * minority group, a PLUS group) that are projected to reach the target later than their reference.
     */
    static List<Flag> flags(Metric metric, Breakdown breakdown, List<Group> groups, String targetBy) {
        String referenceKey = ViewBuilder.referenceGroup(breakdown);
        Group reference = referenceKey == null ? null
                : groups.stream().filter(g -> g.group().equals(referenceKey)).findFirst().orElse(null);
        List<Flag> flags = new ArrayList<>();
        if (reference == null || reference.status().equals(Trajectory.Status.NOT_ENOUGH_DATA.name())) {
            return flags;
        }
        for (Group g : groups) {
            boolean watched = breakdown.isDeprivation() ? g.group().equals(breakdown.groups.get(0))
                    : !g.group().equals("all") && !g.group().equals(referenceKey);
            if (watched && later(g, reference)) {
                flags.add(new Flag(g.group(), g.label(), reference.group(),
                        Narrative.laterThan(metric, Narrative.groupPhrase(breakdown.id, g.group(), g.label()), g.status(),
                                g.reaches(), Narrative.groupPhrase(breakdown.id, reference.group(), reference.label()),
                                reference.status(), reference.reaches(), targetBy)));
            }
        }
        return flags;
    }

    /**
     * The month index the line meets the target from: the latest month when it meets it now (even if
     * it is slipping away), the month it reaches it otherwise; null when it does not.
     */
    private static Integer monthsToTarget(Group g) {
        return switch (Trajectory.Status.valueOf(g.status())) {
            case MEETING, SLIPPING, REACHES -> Periods.monthIndex(g.reaches());
            default -> null;
        };
    }

    /**
     * Whether a group is behind its reference: it reaches the target later, or not at all while the
     * reference does, or it is slipping below a target the reference will go on meeting.
     */
    static boolean later(Group g, Group reference) {
        if (g.status().equals(Trajectory.Status.NOT_ENOUGH_DATA.name())) {
            return false;
        }
        Integer theirs = monthsToTarget(reference);
        if (theirs == null) {
            return false; // the reference is not on course either: no group is behind it on this measure
        }
        Integer mine = monthsToTarget(g);
        return mine == null || mine > theirs
                || g.status().equals(Trajectory.Status.SLIPPING.name())
                && reference.status().equals(Trajectory.Status.MEETING.name());
    }
}
