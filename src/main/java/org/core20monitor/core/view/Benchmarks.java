package org.core20monitor.core.view;

import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.disclosure.DisclosureControl;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.reference.PeerGroups;
import org.core20monitor.core.report.Narrative;
import org.core20monitor.core.stats.DifferenceInDifferences;
import org.core20monitor.core.stats.Interval;

/**
 * An ICB's value and gap beside England's and its peers': for a deprivation breakdown the gap between
 * the most and least deprived quantile, for Core20 the gap between Core20 and the rest, each with its
 * 95% interval, and whether the ICB's gap is significantly wider or narrower than each other's by the
 * interval of the difference of the two gaps ({@link DifferenceInDifferences}: the standard errors
 * read off each gap's interval, combined as for independent samples). Peers are separate
 * populations, so that holds for them; the ICB's patients are part of England's, which makes the
 * interval against England a little wider than an exact one would be (cautious, never overstated).
 *
 * <p>Differences are computed from the unrounded gaps and published at the values' precision, and
 * only where both gaps are published; every other figure is taken from the published views.
 */
public record Benchmarks(String metric, String period, String breakdown, String icb, String gap, String method,
                         List<Row> rows, List<String> statements) {

    public static final String METHOD = "Difference of two gaps with a 95% interval from their own intervals, "
            + "combined in quadrature as for independent samples; the ICB is part of England, so the interval "
            + "against England errs on the wide side";

    /**
     * One area. {@code role} is "icb", "england" or "peer"; {@code difference} is the ICB's gap minus
     * this row's, with its interval and {@code judgement} ("wider", "narrower" or "similar": how the
     * ICB's gap compares with this one); null on the ICB's own row and where a gap is not published.
     * A peer's row carries its overall value and interval and its gap, without counts or the two
     * groups' values.
     */
    public record Row(String area, String role, String name, Double core20Share, GroupValue overall, Double value,
                      Double referenceValue, Double gap, Double gapLower, Double gapUpper, Double difference,
                      Double differenceLower, Double differenceUpper, String judgement, String note) {}

    /** The metrics whose gaps have intervals to compare by: proportions, rates and ratios of counts. */
    public static boolean supports(Metric metric) {
        return metric.kind == Metric.Kind.PROPORTION || metric.kind == Metric.Kind.RATE_PER_100
                || metric.kind == Metric.Kind.RATIO;
    }

    /**
     * How the ICB's gap compares in size with another: "wider" or "narrower" when the difference of
     * their sizes, |own| − |other|, is clear of zero by more than the half-width of the interval of
     * the difference of the gaps (the same standard error: |own| − |other| is ±(own − other) when the
     * gaps point the same way and ±(own + other) when they do not), "similar" otherwise.
     */
    static String judgement(double own, double other, double halfWidth) {
        double sizes = Math.abs(own) - Math.abs(other);
        return sizes - halfWidth > 0 ? "wider" : sizes + halfWidth < 0 ? "narrower" : "similar";
    }

    /** The breakdowns with one gap to compare. */
    public static boolean supports(Breakdown breakdown) {
        return breakdown.isDeprivation() || breakdown.id.equals(Breakdown.CORE20.id);
    }

    /** The benchmarks of an ICB; {@code peers} null for England alone. */
    public static Benchmarks build(Metric metric, Breakdown breakdown, String period, String icb, PeerGroups peers,
                                   ViewBuilder.Cells cells) {
        if (!supports(breakdown)) {
            throw new IllegalArgumentException("benchmarks compare the deprivation gap: by must be imd_quintile, "
                    + "imd_decile or core20, was " + breakdown.id);
        }
        Gap own = gap(metric, breakdown, period, new Scope(icb, null, null, null), cells);
        List<Row> rows = new ArrayList<>();
        rows.add(row(metric, icb, "icb", peers, own, null));
        Row england = row(metric, "England", "england", peers, gap(metric, breakdown, period, Scope.ENGLAND, cells), own);
        rows.add(england);
        for (String peer : peers == null ? List.<String>of() : peers.of(icb)) {
            rows.add(row(metric, peer, "peer", peers, gap(metric, breakdown, period, new Scope(peer, null, null, null), cells),
                    own));
        }
        String gapName = breakdown.id.equals(Breakdown.CORE20.id) ? "Core20 minus the rest"
                : "most minus least deprived";
        return new Benchmarks(metric.id, period, breakdown.id, icb, gapName, METHOD, rows,
                Narrative.benchmarks(metric, period, icb, gapName, rows));
    }

    /** An area's view, unrounded and published, with its gap read from each. */
    private record Gap(View raw, View published, Double value, Interval interval, Double shown, Interval shownInterval,
                       GroupValue group, GroupValue reference) {}

    private static Gap gap(Metric metric, Breakdown breakdown, String period, Scope scope, ViewBuilder.Cells cells) {
        View raw = ViewBuilder.build(metric, breakdown, period, scope, cells);
        if (raw == null) {
            return null;
        }
        View published = DisclosureControl.apply(raw);
        String groupKey = breakdown.groups.get(0);
        String referenceKey = ViewBuilder.referenceGroup(breakdown);
        GroupValue rawGroup = group(raw, groupKey);
        GroupValue group = group(published, groupKey);
        GroupValue reference = group(published, referenceKey);
        Double value = null;
        Interval interval = null;
        Double shown = null;
        Interval shownInterval = null;
        if (breakdown.isDeprivation()) {
            Inequality in = raw.inequality();
            Inequality pub = published.inequality();
            if (in != null && in.gapLower() != null) {
                value = in.gap();
                interval = new Interval(in.gapLower(), in.gapUpper());
            }
            if (pub != null && pub.gap() != null) {
                shown = pub.gap();
                shownInterval = pub.gapLower() == null ? null : new Interval(pub.gapLower(), pub.gapUpper());
            }
        } else {
            ReferenceComparison vs = rawGroup.vsReference();
            if (vs != null) {
                value = vs.difference();
                interval = new Interval(vs.differenceLower(), vs.differenceUpper());
            }
            ReferenceComparison pub = group.vsReference();
            if (pub != null && pub.difference() != null) {
                shown = pub.difference();
                shownInterval = new Interval(pub.differenceLower(), pub.differenceUpper());
            }
        }
        return new Gap(raw, published, value, interval, shown, shownInterval, group, reference);
    }

    private static GroupValue group(View view, String key) {
        return view.groups().stream().filter(g -> g.group().equals(key)).findFirst().orElseThrow();
    }

    private static Row row(Metric metric, String area, String role, PeerGroups peers, Gap gap, Gap own) {
        PeerGroups.Icb icb = peers == null ? null : peers.icb(area);
        String name = role.equals("england") ? "England" : icb == null ? area : icb.name();
        Double share = icb == null ? null : DisclosureControl.published(icb.core20Share());
        if (gap == null) {
            return new Row(area, role, name, share, null, null, null, null, null, null, null, null, null, null,
                    "No data for this area in the month");
        }
        Double difference = null;
        Double lower = null;
        Double upper = null;
        String judgement = null;
        boolean comparable = own != null && own.shown() != null && gap.shown() != null && own.interval() != null
                && gap.interval() != null && own.shownInterval() != null && gap.shownInterval() != null;
        if (comparable) {
            DifferenceInDifferences.Result d = DifferenceInDifferences.of(gap.value(), gap.interval(), own.value(),
                    own.interval());
            difference = DisclosureControl.published(d.change(), metric);
            lower = DisclosureControl.published(d.lower(), metric);
            upper = DisclosureControl.published(d.upper(), metric);
            judgement = judgement(own.value(), gap.value(), (d.upper() - d.lower()) / 2);
        }
        String note = gap.shown() == null ? "The gap is hidden: a group it uses is suppressed or has no data"
                : own != null && own.shown() == null ? "No comparison: the ICB's own gap is hidden or not available"
                : null;
        // A peer is shown as NHS England publishes every ICB: its headline value and gap, not its groups' counts.
        boolean peer = role.equals("peer");
        GroupValue overall = gap.published().overall();
        if (peer) {
            overall = new GroupValue(overall.group(), overall.label(), null, null, overall.value(), overall.lower(),
                    overall.upper(), null, overall.suppressed());
        }
        return new Row(area, role, name, share, overall, peer ? null : gap.group().value(),
                peer ? null : gap.reference().value(), gap.shown(), gap.shownInterval() == null ? null : gap.shownInterval().lower(),
                gap.shownInterval() == null ? null : gap.shownInterval().upper(), difference, lower, upper, judgement,
                note);
    }
}
