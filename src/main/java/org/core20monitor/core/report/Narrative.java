package org.core20monitor.core.report;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.stats.Trajectory;
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

    /** Who a group is, in a sentence: "the most deprived 20%", "Asian or Asian British patients". */
    public static String groupPhrase(String breakdown, String group, String label) {
        return switch (breakdown) {
            case "imd_quintile", "imd_decile" -> "the " + Format.lowerFirst(label.replaceAll(" \\(.*\\)$", ""));
            case "core20" -> group.equals("core20") ? "the most deprived 20% (Core20)" : "everyone else";
            case "ethnicity_group" -> group.equals("other") ? "patients of any other ethnic group" : label + " patients";
            default -> group.equals("no") ? "everyone else" : Format.lowerFirst(label);
        };
    }

    /**
     * The words for a gap in patients: what is counted and what would have happened to it, so that
     * "40 more" reads "40 more patients ... would have been moved or discharged to PIFU".
     */
    static String[] outcomeWords(Metric metric) {
        return switch (metric) {
            case PIFU_RATE -> new String[] {"patients", "would have been moved or discharged to PIFU"};
            case DISCHARGE_RATE -> new String[] {"patients", "would have been discharged"};
            case DNA_RATE -> new String[] {"appointments", "would have been missed (DNA)"};
            case REMOTE_SHARE -> new String[] {"consultations", "would have been by telephone or video"};
            case FU_RATIO -> new String[] {"follow-up attendances", "would have taken place"};
            case ADVICE_PER_100_FIRST -> new String[] {"specialist advice requests", "would have been made"};
            case PIFU_RETURN_RATE -> new String[] {"patient-initiated returns", "would have been made"};
            case WITHIN_18W -> new String[] {"patients", "would have been waiting 18 weeks or less"};
            case OVER_52W, OVER_65W, OVER_78W, OVER_104W -> new String[] {"patients",
                    "would have been " + Format.lowerFirst(metric.label)};
            default -> new String[] {"patients", "would have had the outcome"};
        };
    }

    /** The size of a number of patients as a reader sees it: "40", "1,205". */
    private static String howMany(Double patients) {
        return Format.number(Math.abs(patients), "count");
    }

    /** "25 to 60 more", "10 fewer to 35 more", "5 to 20 fewer". */
    public static String patientsRange(Double lower, Double upper) {
        return signedRange(lower, upper, Narrative::howMany, "more", "fewer");
    }

    /** A signed interval in words: "a to b up", "a down to b up", "a to b down" (sizes, smaller first). */
    private static String signedRange(Double lower, Double upper, java.util.function.Function<Double, String> size,
                                      String up, String down) {
        if (lower == null || upper == null) {
            return Format.SUPPRESSED;
        }
        if (lower >= 0) {
            return size.apply(lower) + " to " + size.apply(upper) + " " + up;
        }
        if (upper <= 0) {
            return size.apply(upper) + " to " + size.apply(lower) + " " + down;
        }
        return size.apply(lower) + " " + down + " to " + size.apply(upper) + " " + up;
    }

    /**
     * The gap in patients of one group in plain English: "In October 2026, 40 more patients in the
     * most deprived 20% would have been moved or discharged to PIFU at the rate of the least deprived
     * 20% (95% CI 25 to 55 more)." Null when the group or the comparison is hidden or not available.
     */
    public static String gapInPatients(View view, Metric metric, GroupValue group) {
        var vs = group.vsReference();
        if (vs == null || group.value() == null) {
            return null;
        }
        GroupValue reference = view.groups().stream().filter(g -> g.group().equals(vs.reference())).findFirst()
                .orElse(null);
        if (reference == null || reference.value() == null) {
            return null;
        }
        String[] words = outcomeWords(metric);
        String who = groupPhrase(view.breakdown(), group.group(), group.label());
        String rate = "at the rate of " + groupPhrase(view.breakdown(), reference.group(), reference.label());
        String when = "In " + Format.period(view.period()) + (view.provisional() ? " (provisional figures)" : "") + ", ";
        if (vs.patients() == null) {
            return when + "fewer than " + DisclosureControl.SMALLEST_SHOWN
                    + " " + words[0] + " either way in " + who + " " + words[1] + " " + rate + ".";
        }
        if (vs.patients() == 0) {
            return when + "no more and no fewer " + words[0] + " in " + who + " " + words[1] + " " + rate + ".";
        }
        return when + howMany(vs.patients()) + (vs.patients() > 0 ? " more " : " fewer ") + words[0] + " in " + who
                + " " + words[1] + " " + rate + " (95% CI " + patientsRange(vs.patientsLower(), vs.patientsUpper())
                + ").";
    }

    /**
     * The population attributable risk of a deprivation view in plain English: how many more or fewer
     * would have had the outcome, and how far the overall value would move, if every quantile had
     * the least deprived quantile's rate. Null when it is hidden or not available.
     */
    public static String attributable(View view, Metric metric) {
        Inequality in = view.inequality();
        var a = in == null ? null : in.attributable();
        if (a == null || a.risk() == null) {
            return null;
        }
        List<GroupValue> quantiles = view.groups().subList(0, view.groups().size() - 1);
        String least = groupPhrase(view.breakdown(), quantiles.get(quantiles.size() - 1).group(),
                quantiles.get(quantiles.size() - 1).label());
        String[] words = outcomeWords(metric);
        String kind = view.breakdown().equals("imd_decile") ? "decile" : "quintile";
        String patients = a.patients() == null ? "a handful (fewer than 8) " + words[0] + " either way " + words[1]
                : a.patients() == 0 ? "no more and no fewer " + words[0] + " " + words[1]
                : howMany(a.patients()) + (a.patients() > 0 ? " more " : " fewer ") + words[0] + " " + words[1]
                + " (95% CI " + patientsRange(a.patientsLower(), a.patientsUpper()) + ")";
        // risk = overall − least deprived: the overall value would move by −risk.
        String move = a.risk() == 0 ? "the overall value would not change"
                : "the overall value would be " + Format.difference(Math.abs(a.risk()), metric).replaceFirst("^\\+", "")
                + (a.risk() < 0 ? " higher" : " lower") + " (95% CI " + signedRange(
                        a.riskUpper() == null ? null : -a.riskUpper(), a.riskLower() == null ? null : -a.riskLower(),
                        v -> Format.number(Math.abs(v), metric.unit()), "higher", "lower") + ")"
                + (a.percent() == null ? "" : ", " + Format.number(Math.abs(a.percent()), "")
                + "% of its value across the known " + kind + "s");
        return "If every " + kind + " had the rate of " + least + ", " + patients + " in " + Format.period(view.period())
                + ", and " + move + " (population attributable risk).";
    }

    /** "5%", "16 per 100", "−25%": a target as people say it. */
    public static String target(Metric metric) {
        String v = Format.value(metric.target, metric);
        return v.replace(".0%", "%").replace(".0 ", " ");
    }

    /** One group's trajectory in plain English. */
    public static String trajectory(Metric metric, String label, Trajectory.Status status, String reaches,
                                    String targetBy) {
        String target = target(metric);
        String by = Format.period(targetBy);
        return switch (status) {
            case MEETING -> reaches.compareTo(targetBy) > 0
                    ? label + ": meets the " + target + " target now (it was due by " + by + ")."
                    : label + ": meets the " + target + " target now and, on the current trend, will still meet it in "
                    + by + ".";
            case SLIPPING -> label + ": meets the " + target + " target now, but on the current trend will not by " + by
                    + ".";
            case REACHES -> label + ": on the current trend, reaches the " + target + " target in "
                    + Format.period(reaches) + (reaches.compareTo(targetBy) > 0 ? ", after the target date ("
                    : ", by the target date (") + by + ").";
            case NOT_ON_TREND -> label + ": not on current trend to reach the " + target + " target.";
            case NOT_ENOUGH_DATA -> label + ": too few published months to project a trend.";
        };
    }

    /**
     * A group projected to reach the target later than its reference, in plain English; {@code who}
     * and {@code reference} are {@link #groupPhrase}s.
     */
    public static String laterThan(Metric metric, String who, String status, String reaches, String reference,
                                   String referenceStatus, String referenceReaches, String targetBy) {
        String target = "the " + target(metric) + " target";
        String theirs = switch (Trajectory.Status.valueOf(referenceStatus)) {
            case MEETING -> "it is already met";
            case SLIPPING -> "it is met now";
            default -> "it is reached in " + Format.period(referenceReaches);
        };
        String subject = "For " + who + ", " + target;
        return switch (Trajectory.Status.valueOf(status)) {
            case SLIPPING -> subject + " is met now but, on the current trend, not in " + Format.period(targetBy)
                    + "; for " + reference + " " + theirs + ".";
            case MEETING, REACHES -> {
                if (!referenceStatus.equals(Trajectory.Status.REACHES.name())) {
                    yield subject + " is projected to be reached in " + Format.period(reaches) + "; for " + reference
                            + " " + theirs + ".";
                }
                int months = Periods.monthIndex(reaches) - Periods.monthIndex(referenceReaches);
                yield subject + " is projected to be reached in " + Format.period(reaches) + ", " + months
                        + (months == 1 ? " month" : " months") + " later than for " + reference + " ("
                        + Format.period(referenceReaches) + ").";
            }
            default -> subject + " is not reached on the current trend; for " + reference + " " + theirs + ".";
        };
    }

    /**
     * An ICB's gap against England's and its peers', in plain English: the comparison with England,
     * then how many peers' gaps it is significantly wider or narrower than.
     */
    public static List<String> benchmarks(Metric metric, String period, String icb, String gapName,
                                          List<org.core20monitor.core.view.Benchmarks.Row> rows) {
        List<String> out = new ArrayList<>();
        var own = rows.get(0);
        if (own.gap() == null) {
            out.add("In " + Format.period(period) + ", the gap (" + gapName + ") in " + icb
                    + " is hidden or not available, so it cannot be compared with England or its peers.");
            return out;
        }
        String gap = Format.difference(own.gap(), metric) + ci(own.gapLower(), own.gapUpper(), metric);
        var england = rows.stream().filter(r -> r.role().equals("england")).findFirst().orElse(null);
        if (england == null || england.judgement() == null) {
            out.add("In " + Format.period(period) + ", the gap (" + gapName + ") in " + icb + " is " + gap
                    + "; England's gap is not available to compare with.");
        } else {
            out.add("In " + Format.period(period) + ", the gap (" + gapName + ") in " + icb + " is " + gap
                    + ", against " + Format.difference(england.gap(), metric) + " for England: "
                    + judged(england.judgement()) + " (difference " + Format.difference(england.difference(), metric)
                    + ", 95% CI " + Format.interval(england.differenceLower(), england.differenceUpper(), metric.unit())
                    + ").");
        }
        List<org.core20monitor.core.view.Benchmarks.Row> peers = rows.stream().filter(r -> r.role().equals("peer"))
                .toList();
        List<String> wider = new ArrayList<>();
        List<String> narrower = new ArrayList<>();
        int compared = 0;
        for (var r : peers) {
            if (r.judgement() != null) {
                compared++;
                if (r.judgement().equals("wider")) {
                    wider.add(r.area());
                } else if (r.judgement().equals("narrower")) {
                    narrower.add(r.area());
                }
            }
        }
        if (!peers.isEmpty()) {
            if (compared == 0) {
                out.add("None of its " + peers.size() + " peer ICBs has a published gap to compare with.");
            } else {
                out.add("Against " + compared + " of its " + peers.size() + " peer ICBs with a published gap, " + icb
                        + "'s gap is significantly wider than " + (wider.isEmpty() ? "none" : Format.list(wider))
                        + ", significantly narrower than " + (narrower.isEmpty() ? "none" : Format.list(narrower))
                        + (compared - wider.size() - narrower.size() > 0
                        ? ", and not significantly different from the rest" : "") + ".");
            }
        }
        return out;
    }

    private static String judged(String judgement) {
        return switch (judgement) {
            case "wider" -> "significantly wider";
            case "narrower" -> "significantly narrower";
            default -> "not significantly different";
        };
    }

    private static String ci(Double lower, Double upper, Metric metric) {
        return lower == null ? "" : " (95% CI " + Format.interval(lower, upper, metric.unit()) + ")";
    }
}
