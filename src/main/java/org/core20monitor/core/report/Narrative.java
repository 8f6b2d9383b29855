package org.core20monitor.core.report;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Inequality;
import org.core20monitor.core.view.View;

/**
 * Plain-English sentences from a published view, for board papers and reports: what the most and
 * least deprived (or White and other ethnic groups) had, how the groups compare with everyone, the
 * gap and the SII, and whether the gap is wider than the month before. Reads only published figures.
 */
public final class Narrative {

    private Narrative() {}

    /** The sentences about one view; {@code previous} is the same view a month earlier, or null. */
    public static List<String> of(View view, Metric metric, View previous) {
        List<String> out = new ArrayList<>();
        String when = "In " + Format.period(view.period()) + (view.provisional() ? " (provisional figures)" : "");
        String name = "“" + metric.label + "”";
        switch (view.breakdown()) {
            case "imd_quintile", "imd_decile" -> deprivation(view, metric, when, name, previous, out);
            case "ethnicity_group" -> ethnicity(view, metric, when, name, out);
            default -> range(view, metric, when, name, out);
        }
        comparison(view, metric, out);
        return out;
    }

    private static void deprivation(View view, Metric metric, String when, String name, View previous,
                                    List<String> out) {
        List<GroupValue> quantiles = view.groups().subList(0, view.groups().size() - 1);
        GroupValue most = quantiles.get(0);
        GroupValue least = quantiles.get(quantiles.size() - 1);
        String mostName = "the " + Format.lowerFirst(most.label());
        String leastName = "the " + Format.lowerFirst(least.label());
        if (most.value() == null || least.value() == null) {
            out.add(when + ", the figure for " + (most.value() == null ? mostName : leastName)
                    + " is suppressed or not available, so the gap cannot be shown.");
            return;
        }
        out.add(when + ", " + name + " was " + Format.value(most.value(), metric) + " for patients in " + mostName
                + ", against " + Format.value(least.value(), metric) + " in " + leastName + ".");
        Inequality in = view.inequality();
        if (in != null && in.gap() != null) {
            out.add("The gap (most minus least deprived) is " + Format.difference(in.gap(), metric)
                    + (in.gapLower() != null ? " (95% CI " + Format.interval(in.gapLower(), in.gapUpper(),
                    metric.unit()) + ")" : "") + ".");
            Double before = previous == null || previous.inequality() == null ? null : previous.inequality().gap();
            if (before != null) {
                double now = Math.abs(in.gap());
                double then = Math.abs(before);
                String word = now > then + 0.05 ? "wider than" : now < then - 0.05 ? "narrower than" : "about the same as";
                out.add("The gap is " + word + " in " + Format.period(previous.period()) + " ("
                        + Format.difference(before, metric) + ").");
            }
        }
        if (in != null && in.sii() != null) {
            out.add("Across all quintiles, the slope index of inequality is " + Format.difference(in.sii(), metric)
                    + " (95% CI " + Format.interval(in.siiLower(), in.siiUpper(), metric.unit()) + "), measured as "
                    + in.orientation() + ".");
        }
    }

    private static void ethnicity(View view, Metric metric, String when, String name, List<String> out) {
        GroupValue white = view.groups().get(0);
        if (white.value() == null) {
            out.add(when + ", the figure for the White group (the comparison group) is suppressed or not available.");
            return;
        }
        List<String> behind = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        for (GroupValue g : view.groups()) {
            if (g.vsReference() != null && g.vsReference().significant() && g.vsReference().difference() != null) {
                String text = g.label() + " (" + Format.value(g.value(), metric) + ")";
                boolean lower = g.vsReference().difference() < 0;
                boolean worse = metric.direction == Metric.Direction.HIGHER_IS_BETTER ? lower
                        : metric.direction == Metric.Direction.LOWER_IS_BETTER && !lower;
                (worse || metric.direction == Metric.Direction.CONTEXT ? behind : ahead).add(text);
            }
        }
        out.add(when + ", " + name + " was " + Format.value(white.value(), metric) + " for White patients.");
        if (behind.isEmpty() && ahead.isEmpty()) {
            out.add("No ethnic group differed significantly from White patients.");
        } else {
            String worseWord = metric.direction == Metric.Direction.CONTEXT ? "Significantly different from White patients: "
                    : "Significantly worse than for White patients: ";
            if (!behind.isEmpty()) {
                out.add(worseWord + Format.list(behind) + ".");
            }
            if (!ahead.isEmpty()) {
                out.add("Significantly better than for White patients: " + Format.list(ahead) + ".");
            }
        }
    }

    private static void range(View view, Metric metric, String when, String name, List<String> out) {
        GroupValue lo = null;
        GroupValue hi = null;
        for (GroupValue g : view.groups()) {
            if (g.value() != null && !"unknown".equals(g.group())) {
                lo = lo == null || g.value() < lo.value() ? g : lo;
                hi = hi == null || g.value() > hi.value() ? g : hi;
            }
        }
        if (lo != null) {
            out.add(when + ", " + name + " ranged from " + Format.value(lo.value(), metric) + " (" + lo.label()
                    + ") to " + Format.value(hi.value(), metric) + " (" + hi.label() + ").");
        }
    }

    private static void comparison(View view, Metric metric, List<String> out) {
        GroupValue overall = view.overall();
        if (overall.value() == null) {
            return;
        }
        List<String> lower = new ArrayList<>();
        List<String> higher = new ArrayList<>();
        for (GroupValue g : view.groups()) {
            if ("lower".equals(g.vsOverall())) {
                lower.add(g.label());
            } else if ("higher".equals(g.vsOverall())) {
                higher.add(g.label());
            }
        }
        String all = "all patients (" + Format.value(overall.value(), metric) + ")";
        if (lower.isEmpty() && higher.isEmpty()) {
            out.add("No group differed significantly from " + all + ".");
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!lower.isEmpty()) {
            parts.add("significantly lower for " + Format.list(lower));
        }
        if (!higher.isEmpty()) {
            parts.add("significantly higher for " + Format.list(higher));
        }
        out.add("Compared with " + all + ", the value was " + String.join(", and ", parts) + ".");
    }
}
