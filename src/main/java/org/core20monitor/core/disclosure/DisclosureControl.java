package org.core20monitor.core.disclosure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Inequality;
import org.core20monitor.core.view.ReferenceComparison;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;

/**
 * NHS Digital's HES rule for sub-national figures (SPEC §7): 0 stays 0, a count of 1–7 is hidden,
 * every other count is rounded to the nearest 5; a value or interval whose numerator or denominator
 * is 1–7 is hidden too, and so is a median of fewer than 8 values; where exactly one group of a
 * breakdown has a hidden count, the next smallest group's count is hidden as well so that it cannot
 * be recovered by subtraction from the total. Statistics built on a hidden group (the deprivation gap
 * and SII, a comparison with White) are hidden with it. Estimated numbers of patients (the gap in
 * patients) are published like counts, and hidden with the groups they are estimated from.
 *
 * <p>Values are computed before this step from unrounded counts, and leave it at a fixed precision
 * ({@link #published}): at full precision a value and its interval give the counts back.
 */
public final class DisclosureControl {

    public static final int SMALLEST_SHOWN = 8;

    /** Decimal places of published values and limits; ratios (and RII) get {@link #RATIO_DECIMALS}. */
    public static final int DECIMALS = 1;
    public static final int RATIO_DECIMALS = 2;

    private DisclosureControl() {}

    public static boolean isSmall(long count) {
        return count >= 1 && count < SMALLEST_SHOWN;
    }

    /** A count as it may be shown: null when it is 1–7, otherwise rounded to the nearest 5. */
    public static Long count(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        if (isSmall(count)) {
            return null;
        }
        return Math.round(count / 5.0) * 5;
    }

    /**
     * A part of a whole as a percentage to one decimal place, computed from the counts as published
     * (rounded to 5) so that it cannot give the unrounded counts back; null when either is 1–7.
     */
    public static Double share(long part, long whole) {
        if (part == 0) {
            return whole == 0 || isSmall(whole) ? null : 0.0;
        }
        if (isSmall(part) || isSmall(whole)) {
            return null;
        }
        return published(100.0 * count(part) / count(whole));
    }

    /**
     * An estimated number of patients (a gap in patients, which may be negative) as it may be shown:
     * like a count, an estimate of 1–7 either way is hidden and any other is rounded to the nearest 5.
     */
    public static Double patients(Double estimate) {
        if (estimate == null || !Double.isFinite(estimate)) {
            return null;
        }
        Long shown = count(Math.abs(Math.round(estimate)));
        return shown == null ? null : Math.signum(estimate) * shown + 0.0; // + 0.0 turns -0.0 into 0.0
    }

    /** A limit of an estimated number of patients: rounded to the nearest 5, hidden with its estimate. */
    private static Double patientsLimit(Double estimate, Double limit) {
        return patients(estimate) == null || limit == null ? null : (double) (Math.round(limit / 5.0) * 5);
    }

    /** Decimal places of a metric's published values: two for ratios, one for everything else. */
    private static int valueDecimals(Metric metric) {
        return metric.kind == Metric.Kind.RATIO ? RATIO_DECIMALS : DECIMALS;
    }

    /** What a share is taken of: the denominator, or for a count or a median its number of records. */
    private static long weight(GroupValue g) {
        Long w = g.denominator() != null ? g.denominator() : g.numerator();
        return w == null ? 0 : w;
    }

    /** A value or limit rounded half up to {@link #DECIMALS} places; null stays null. */
    public static Double published(Double value) {
        return rounded(value, DECIMALS);
    }

    /** A value, limit or difference in a metric's unit at the precision its values are published at. */
    public static Double published(Double value, Metric metric) {
        return rounded(value, valueDecimals(metric));
    }

    private static Double rounded(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** The view as it may be published, built from the cells; null when they hold no data for it. */
    public static View view(Metric metric, Breakdown breakdown, String period, Scope scope, ViewBuilder.Cells cells) {
        View view = ViewBuilder.build(metric, breakdown, period, scope, cells);
        return view == null ? null : apply(view);
    }

    public static View apply(View view) {
        Metric metric = Metric.byId(view.metric());
        List<Hidden> groups = new ArrayList<>(view.groups().size());
        for (GroupValue g : view.groups()) {
            groups.add(Hidden.primary(g));
        }
        // Secondary suppression, column by column: a lone hidden numerator (or denominator) could be
        // recovered from the overall, so hide the next smallest shown one as well.
        secondary(groups, true);
        secondary(groups, false);

        List<GroupValue> shown = new ArrayList<>(groups.size());
        for (Hidden h : groups) {
            ReferenceComparison vs = h.source.vsReference();
            Hidden reference = vs == null ? null : groups.stream()
                    .filter(r -> r.source.group().equals(vs.reference())).findFirst().orElse(null);
            shown.add(h.render(metric, reference));
        }
        Inequality inequality = inequality(view.inequality(), groups, valueDecimals(metric));
        // A note about a statistic that is now hidden could say something about a hidden group.
        List<String> notes = inequality != null && inequality.sii() == null
                ? view.notes().stream().filter(n -> !n.startsWith("SII")).toList() : view.notes();
        // The share not known, from the counts as published: hidden with the "unknown" group.
        Double unknownShare = view.unknownShare() == null ? null : groups.stream()
                .filter(h -> "unknown".equals(h.source.group()) && !h.hideValue).findFirst()
                .map(h -> share(weight(h.source), weight(view.overall()))).orElse(null);
        return view.withFigures(Hidden.primary(view.overall()).render(metric, null), shown, inequality, notes,
                unknownShare);
    }

    /**
     * Gap and ratio use the first and last deprivation groups, SII and RII all of them (the groups
     * before "unknown"); each is hidden when a group it uses is. Differences and the SII curve are in
     * the metric's unit and keep its values' precision.
     */
    private static Inequality inequality(Inequality in, List<Hidden> groups, int decimals) {
        if (in == null) {
            return null;
        }
        List<Hidden> quantiles = groups.subList(0, groups.size() - 1);
        boolean endsShown = !quantiles.get(0).hideValue && !quantiles.get(quantiles.size() - 1).hideValue;
        boolean allShown = quantiles.stream().noneMatch(h -> h.hideValue);
        return new Inequality(
                endsShown ? rounded(in.gap(), decimals) : null, endsShown ? rounded(in.gapLower(), decimals) : null,
                endsShown ? rounded(in.gapUpper(), decimals) : null,
                endsShown ? rounded(in.ratio(), RATIO_DECIMALS) : null,
                endsShown ? rounded(in.ratioLower(), RATIO_DECIMALS) : null,
                endsShown ? rounded(in.ratioUpper(), RATIO_DECIMALS) : null,
                allShown ? rounded(in.sii(), decimals) : null, allShown ? rounded(in.siiLower(), decimals) : null,
                allShown ? rounded(in.siiUpper(), decimals) : null,
                allShown ? rounded(in.rii(), RATIO_DECIMALS) : null,
                allShown ? rounded(in.riiLower(), RATIO_DECIMALS) : null,
                allShown ? rounded(in.riiUpper(), RATIO_DECIMALS) : null,
                in.orientation(), in.gapMethod(), in.siiMethod(),
                endsShown && allShown ? in.note() : "Some figures are hidden because a group they use is suppressed",
                allShown && in.fit() != null ? in.fit().stream().map(v -> rounded(v, decimals)).toList() : null,
                allShown ? attributable(in.attributable(), decimals) : null);
    }

    private static Inequality.Attributable attributable(Inequality.Attributable a, int decimals) {
        if (a == null) {
            return null;
        }
        return new Inequality.Attributable(patients(a.patients()), patientsLimit(a.patients(), a.patientsLower()),
                patientsLimit(a.patients(), a.patientsUpper()), rounded(a.risk(), decimals),
                rounded(a.riskLower(), decimals), rounded(a.riskUpper(), decimals), published(a.percent()),
                published(a.percentLower()), published(a.percentUpper()));
    }

    /**
     * Counts that make up a shown total (such as rejected records by reason): each is rounded or
     * hidden like any count, and where exactly one is hidden the next smallest is hidden too.
     */
    public static Map<String, Long> breakdown(Map<String, Long> counts) {
        Map<String, Long> shown = new TreeMap<>();
        String lone = null;
        int hidden = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            shown.put(e.getKey(), count(e.getValue()));
            if (isSmall(e.getValue())) {
                hidden++;
                lone = e.getKey();
            }
        }
        if (hidden == 1) {
            String next = null;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (!e.getKey().equals(lone) && e.getValue() > 0
                        && (next == null || e.getValue() < counts.get(next))) {
                    next = e.getKey();
                }
            }
            if (next != null) {
                shown.put(next, null);
            }
        }
        return shown;
    }

    private static void secondary(List<Hidden> groups, boolean numerator) {
        if (groups.stream().filter(h -> h.hides(numerator)).count() != 1) {
            return;
        }
        Hidden next = null;
        for (Hidden h : groups) {
            if (!h.hides(numerator) && h.countOf(numerator) > 0
                    && (next == null || h.countOf(numerator) < next.countOf(numerator))) {
                next = h;
            }
        }
        if (next != null) {
            next.hide(numerator);
        }
    }

    /** A group on its way through the rule: which of its parts are to be hidden. */
    private static final class Hidden {
        final GroupValue source;
        boolean hideNumerator;
        boolean hideDenominator;
        boolean hideValue;

        private Hidden(GroupValue source) {
            this.source = source;
        }

        static Hidden primary(GroupValue g) {
            Hidden h = new Hidden(g);
            // A null count is "not applicable" (a median or count has no denominator) unless the group
            // is already marked suppressed, so applying the rule twice changes nothing.
            h.hideNumerator = g.numerator() == null ? g.suppressed() : isSmall(g.numerator());
            h.hideDenominator = g.denominator() == null ? g.suppressed() : isSmall(g.denominator());
            h.hideValue = h.hideNumerator || h.hideDenominator || g.suppressed();
            return h;
        }

        boolean hides(boolean numerator) {
            return numerator ? hideNumerator : hideDenominator;
        }

        long countOf(boolean numerator) {
            Long n = numerator ? source.numerator() : source.denominator();
            return n == null ? 0 : n;
        }

        void hide(boolean numerator) {
            if (numerator) {
                hideNumerator = true;
            } else {
                hideDenominator = true;
            }
            hideValue = true;
        }

        GroupValue render(Metric metric, Hidden reference) {
            GroupValue g = source;
            Long num = hideNumerator || g.numerator() == null ? null : count(g.numerator());
            Long den = hideDenominator || g.denominator() == null ? null : count(g.denominator());
            if (hideValue) {
                return new GroupValue(g.group(), g.label(), num, den, null, null, null, null, true);
            }
            Double value;
            Double lower;
            Double upper;
            if (metric.kind == Metric.Kind.COUNT) {
                // The value is the count itself; its limits are rounded like counts so they do not give it back.
                value = g.value() == null ? null : (double) count(Math.round(g.value()));
                lower = g.lower() == null ? null : (double) (Math.round(g.lower() / 5.0) * 5);
                upper = g.upper() == null ? null : (double) (Math.round(g.upper() / 5.0) * 5);
            } else {
                int decimals = valueDecimals(metric);
                value = rounded(g.value(), decimals);
                lower = rounded(g.lower(), decimals);
                upper = rounded(g.upper(), decimals);
            }
            ReferenceComparison vs = g.vsReference();
            if (vs != null) {
                vs = reference == null || reference.hideValue ? null : new ReferenceComparison(vs.reference(),
                        published(vs.difference()), published(vs.differenceLower()), published(vs.differenceUpper()),
                        rounded(vs.ratio(), RATIO_DECIMALS), rounded(vs.ratioLower(), RATIO_DECIMALS),
                        rounded(vs.ratioUpper(), RATIO_DECIMALS), vs.significant(), patients(vs.patients()),
                        patientsLimit(vs.patients(), vs.patientsLower()), patientsLimit(vs.patients(), vs.patientsUpper()));
            }
            return new GroupValue(g.group(), g.label(), num, den, value, lower, upper, g.vsOverall(), false, vs);
        }
    }
}
