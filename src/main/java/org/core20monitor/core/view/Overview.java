package org.core20monitor.core.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.TargetDates;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.reference.PeerGroups;
import org.core20monitor.core.report.Narrative;
import org.core20monitor.core.stats.Spc;

/**
 * The overview of one scope and month: a tile per metric (overall value against its target, Core20
 * against the rest, the ethnic group furthest behind White, the SPC icons, provisional and
 * data-quality flags) and the Core20PLUS5 panel. Everything here is read from views that have
 * already been through disclosure control, so nothing it derives can give back a hidden figure.
 */
public record Overview(String period, Scope scope, List<Tile> tiles, List<PanelRow> core20plus5,
                       List<String> panelMetrics) {

    /** A record share "not known" at or above this percentage flags ethnicity comparisons as uncertain. */
    public static final double ETHNICITY_UNKNOWN_FLAG = 5.0;
    /** A share of records without a deprivation decile at or above this flags deprivation comparisons. */
    public static final double IMD_UNKNOWN_FLAG = 2.0;

    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();

    /** The metrics shown in the Core20PLUS5 panel's columns: uptake, attendance, access and waits. */
    public static final List<Metric> PANEL_METRICS = List.of(Metric.PIFU_RATE, Metric.DNA_RATE,
            Metric.REMOTE_SHARE, Metric.DISCHARGE_RATE, Metric.WITHIN_18W, Metric.OVER_52W,
            Metric.MEDIAN_WAIT_WEEKS);

    /**
     * One metric's tile. {@code core20} compares the most deprived 20% with the rest; {@code ethnicity}
     * is the ethnic group furthest behind White in the metric's direction (for a metric with no good
     * direction, the one furthest from White either way).
     */
    public record Tile(String metric, boolean provisional, String updatedAt, GroupValue overall,
                       Versus core20, Versus ethnicity, String variation, String assurance,
                       Double ethnicityUnknownShare, Double imdUnknownShare, List<String> flags,
                       List<String> notes, Outlook outlook) {

        public Tile(String metric, boolean provisional, String updatedAt, GroupValue overall, Versus core20,
                    Versus ethnicity, String variation, String assurance, Double ethnicityUnknownShare,
                    Double imdUnknownShare, List<String> flags, List<String> notes) {
            this(metric, provisional, updatedAt, overall, core20, ethnicity, variation, assurance, ethnicityUnknownShare,
                    imdUnknownShare, flags, notes, null);
        }

        Tile withOutlook(Outlook outlook) {
            return new Tile(metric, provisional, updatedAt, overall, core20, ethnicity, variation, assurance,
                    ethnicityUnknownShare, imdUnknownShare, flags, notes, outlook);
        }
    }

    /**
     * What a tile says beyond the month's figures, in plain English (null where it cannot be said):
     * the gap in patients of the most deprived 20% at the least deprived 20%'s rate, the population
     * attributable risk, where all patients are heading against the national target, which groups
     * (Core20, ethnic minority groups) are projected to reach it later than the rest, and, for an ICB,
     * its deprivation gap against England's.
     */
    public record Outlook(String gapInPatients, String attributable, String trajectory, List<String> trajectoryFlags,
                          String england) {}

    /**
     * A group against its reference group: both published values, the difference with its interval,
     * whether an interval excludes no difference, and what that means in the metric's direction
     * ("worse", "better", "different" or "similar").
     */
    public record Versus(String group, String label, Double value, String reference, Double referenceValue,
                         Double difference, Double lower, Double upper, boolean significant, String judgement) {}

    /** A Core20PLUS5 row: Core20, a PLUS group, or a clinical area, with one cell per panel metric. */
    public record PanelRow(String id, String label, String kind, List<PanelCell> cells) {}

    /**
     * A panel metric for a row: its published value and interval, and for Core20 and PLUS groups the
     * comparison with everyone else; for a clinical area, whether its interval excludes the scope's
     * overall value.
     */
    public record PanelCell(String metric, Double value, Double lower, Double upper, boolean suppressed,
                            String judgement) {}

    /**
     * The overview of {@code scope} in {@code period}: SPC icons over {@code trend} (the months up to
     * and including the period), and the Core20PLUS5 panel over the scope's PLUS groups and the
     * clinical areas within it ({@link #areaScopes}).
     */
    public static Overview build(Scope scope, String period, List<String> trend, ViewBuilder.Cells cells,
                                 Breakdowns breakdowns, ClinicalAreas areas, TargetDates targets) {
        return build(scope, period, trend, cells, breakdowns, areas, Prospects.of(scope, period, cells, targets, null));
    }

    /**
     * Each metric's trajectories ({@link Trajectories#watched}) and, for a whole ICB, its deprivation
     * gap against England's and the peers' (null where the metric's gap has no interval): what the
     * tiles' outlooks are read from, computed once by a board paper that also shows them in full.
     */
    public record Prospects(Map<Metric, List<Trajectories>> trajectories, Map<Metric, Benchmarks> benchmarks) {

        /** @param peers the ICBs' peers for the benchmarks, or null for England alone */
        public static Prospects of(Scope scope, String period, ViewBuilder.Cells cells, TargetDates targets,
                                   PeerGroups peers) {
            Map<Metric, List<Trajectories>> trajectories = new EnumMap<>(Metric.class);
            Map<Metric, Benchmarks> benchmarks = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                trajectories.put(metric, Trajectories.watched(metric, scope, period, targets, cells));
                if (scope.wholeIcb() && Benchmarks.supports(metric)) {
                    benchmarks.put(metric, Benchmarks.build(metric, Breakdown.IMD_QUINTILE, period, scope.icb(), peers,
                            cells));
                }
            }
            return new Prospects(trajectories, benchmarks);
        }
    }

    /** The overview with its tiles' outlooks read from {@code prospects}. */
    public static Overview build(Scope scope, String period, List<String> trend, ViewBuilder.Cells cells,
                                 Breakdowns breakdowns, ClinicalAreas areas, Prospects prospects) {
        List<Tile> tiles = new ArrayList<>();
        Map<Metric, View> core20Views = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            View core20 = DisclosureControl.view(metric, Breakdown.CORE20, period, scope, cells);
            core20Views.put(metric, core20);
            Spc.Chart chart = Series.build(metric, Breakdown.NONE, scope, trend, cells).overall();
            View ethnicity = DisclosureControl.view(metric, Breakdown.ETHNICITY_GROUP, period, scope, cells);
            View deprivation = DisclosureControl.view(metric, Breakdown.IMD_QUINTILE, period, scope, cells);
            tiles.add(tile(metric, core20, ethnicity, deprivation, chart)
                    .withOutlook(outlook(metric, deprivation, prospects.trajectories().get(metric),
                            prospects.benchmarks().get(metric))));
        }

        List<PanelRow> panel = new ArrayList<>();
        panel.add(new PanelRow("core20", "Core20: most deprived 20%", "core20", PANEL_METRICS.stream()
                .map(m -> groupCell(m, core20Views.get(m), "core20")).toList()));
        for (Breakdown plus : breakdowns.list()) {
            if (plus.isPlus()) {
                panel.add(new PanelRow(plus.id, plus.labels.get(0), "plus", PANEL_METRICS.stream()
                        .map(m -> groupCell(m, DisclosureControl.view(m, plus, period, scope, cells), "yes"))
                        .toList()));
            }
        }
        for (Scope within : areaScopes(scope, areas)) {
            panel.add(new PanelRow("area:" + within.area(), ClinicalAreas.label(within.area()), "area",
                    PANEL_METRICS.stream().map(m -> areaCell(m,
                            DisclosureControl.view(m, Breakdown.NONE, period, within, cells),
                            overallValue(core20Views.get(m)))).toList()));
        }
        return new Overview(period, scope, tiles, panel, PANEL_METRICS.stream().map(m -> m.id).toList());
    }

    /** A tile's outlook from the month's published deprivation view, trajectories and benchmarks. */
    static Outlook outlook(Metric metric, View deprivation, List<Trajectories> trajectories, Benchmarks benchmarks) {
        String gap = null;
        String attributable = null;
        if (deprivation != null) {
            gap = Narrative.gapInPatients(deprivation, metric, deprivation.groups().get(0));
            attributable = Narrative.attributable(deprivation, metric);
        }
        // All patients' line is the same in every breakdown.
        String trajectory = trajectories.isEmpty() ? null : trajectories.get(0).groups().get(0).summary();
        List<String> flags = trajectories.stream().flatMap(t -> t.flags().stream()).map(Trajectories.Flag::text)
                .toList();
        String england = deprivation == null || benchmarks == null ? null : benchmarks.statements().get(0);
        return new Outlook(gap, attributable, trajectory, flags, england);
    }

    /**
     * The clinical-area scopes within a scope that the Core20PLUS5 panel reads: areas are kept for
     * England and each ICB, not within a provider or specialty.
     */
    public static List<Scope> areaScopes(Scope scope, ClinicalAreas areas) {
        if (scope.area() != null || scope.provider() != null || scope.specialty() != null) {
            return List.of();
        }
        return areas.ids().stream().map(a -> new Scope(scope.icb(), null, null, a)).toList();
    }

    private static Double overallValue(View view) {
        return view == null ? null : view.overall().value();
    }

    /**
     * A tile from published views of the month (null where a view has no data) and the XmR chart of
     * the metric's published monthly values up to the month.
     */
    public static Tile tile(Metric metric, View core20View, View ethnicityView, View imdView, Spc.Chart trend) {
        View any = core20View != null ? core20View : ethnicityView != null ? ethnicityView : imdView;
        if (any == null) {
            return new Tile(metric.id, false, null, null, null, null, variation(trend), assurance(trend), null, null,
                    List.of(), List.of());
        }
        Versus core20 = core20View == null ? null : versus(metric, core20View, "core20");
        Versus ethnicity = ethnicityView == null ? null : worstAgainstWhite(metric, ethnicityView);
        Double ethnicityUnknown = ethnicityView == null ? null : ethnicityView.unknownShare();
        Double imdUnknown = imdView == null ? null : imdView.unknownShare();
        List<String> flags = new ArrayList<>();
        if (ethnicityUnknown != null && ethnicityUnknown >= ETHNICITY_UNKNOWN_FLAG) {
            flags.add("Ethnicity not known for " + ethnicityUnknown + "% of records: ethnicity gaps may be an artefact");
        }
        if (imdUnknown != null && imdUnknown >= IMD_UNKNOWN_FLAG) {
            flags.add("No deprivation decile for " + imdUnknown + "% of records: deprivation gaps may be an artefact");
        }
        return new Tile(metric.id, any.provisional(), any.updatedAt(), any.overall(), core20, ethnicity,
                variation(trend), assurance(trend), ethnicityUnknown, imdUnknown, List.copyOf(flags), any.notes());
    }

    private static String variation(Spc.Chart trend) {
        return trend == null ? Spc.Variation.NOT_ENOUGH_DATA.name() : trend.variation().name();
    }

    private static String assurance(Spc.Chart trend) {
        return trend == null ? Spc.Assurance.NONE.name() : trend.assurance().name();
    }

    /** One group of a view against its reference group, or null when the group is not in the view. */
    static Versus versus(Metric metric, View view, String groupKey) {
        GroupValue g = group(view, groupKey);
        if (g == null) {
            return null;
        }
        ReferenceComparison vs = g.vsReference();
        String referenceKey = vs != null ? vs.reference() : ViewBuilder.referenceGroup(BREAKDOWNS.byId(view.breakdown()));
        GroupValue reference = referenceKey == null ? null : group(view, referenceKey);
        Double difference = vs != null ? vs.difference()
                : g.value() != null && reference != null && reference.value() != null
                ? DisclosureControl.published(g.value() - reference.value()) : null;
        boolean significant = vs != null && vs.significant();
        return new Versus(g.group(), g.label(), g.value(), referenceKey,
                reference == null ? null : reference.value(), difference,
                vs == null ? null : vs.differenceLower(), vs == null ? null : vs.differenceUpper(), significant,
                // Without an interval (medians, the change since 2019/20) there is no test to judge by.
                vs == null ? null : judgement(metric, difference, significant));
    }

    /** The ethnic group furthest behind White in the metric's direction. */
    static Versus worstAgainstWhite(Metric metric, View view) {
        Comparator<Versus> worstFirst = switch (metric.direction) {
            case HIGHER_IS_BETTER -> Comparator.comparing(Versus::difference);
            case LOWER_IS_BETTER -> Comparator.comparing(Versus::difference, Comparator.reverseOrder());
            case CONTEXT -> Comparator.comparing((Versus v) -> Math.abs(v.difference()), Comparator.reverseOrder());
        };
        return view.groups().stream()
                .filter(g -> !g.group().equals("white") && !g.group().equals("unknown"))
                .map(g -> versus(metric, view, g.group()))
                .filter(v -> v != null && v.difference() != null)
                // A significant difference outranks a larger one that may be chance.
                .min(Comparator.comparing((Versus v) -> !v.significant()).thenComparing(worstFirst))
                .orElse(null);
    }

    /** What a difference means in the metric's direction. */
    static String judgement(Metric metric, Double difference, boolean significant) {
        if (difference == null) {
            return null;
        }
        if (!significant) {
            return "similar";
        }
        return switch (metric.direction) {
            case HIGHER_IS_BETTER -> difference < 0 ? "worse" : "better";
            case LOWER_IS_BETTER -> difference > 0 ? "worse" : "better";
            case CONTEXT -> "different";
        };
    }

    /** A panel cell for a group of a published view against its reference. */
    public static PanelCell groupCell(Metric metric, View view, String groupKey) {
        GroupValue g = view == null ? null : group(view, groupKey);
        if (g == null) {
            return new PanelCell(metric.id, null, null, null, false, null);
        }
        Versus v = versus(metric, view, groupKey);
        return new PanelCell(metric.id, g.value(), g.lower(), g.upper(), g.suppressed(),
                v == null ? null : v.judgement());
    }

    /**
     * A panel cell for a clinical area's overall value (a published view of the area's scope, or
     * null), judged against the overall value of the whole scope by whether its interval excludes it.
     */
    public static PanelCell areaCell(Metric metric, View areaView, Double scopeValue) {
        if (areaView == null) {
            return new PanelCell(metric.id, null, null, null, false, null);
        }
        GroupValue o = areaView.overall();
        String judgement = null;
        if (o.value() != null && o.lower() != null && o.upper() != null && scopeValue != null) {
            boolean significant = o.lower() > scopeValue || o.upper() < scopeValue;
            judgement = judgement(metric, DisclosureControl.published(o.value() - scopeValue), significant);
        }
        return new PanelCell(metric.id, o.value(), o.lower(), o.upper(), o.suppressed(), judgement);
    }

    private static GroupValue group(View view, String key) {
        return view.groups().stream().filter(g -> g.group().equals(key)).findFirst().orElse(null);
    }
}
