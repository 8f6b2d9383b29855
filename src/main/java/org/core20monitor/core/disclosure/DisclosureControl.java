package org.core20monitor.core.disclosure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.View;

/**
 * NHS Digital's HES rule for sub-national figures (SPEC §7): 0 stays 0, a count of 1–7 is hidden,
 * every other count is rounded to the nearest 5; a value or interval whose numerator or denominator
 * is 1–7 is hidden too; where exactly one group of a breakdown has a hidden count, the next
 * smallest group's count is hidden as well so that it cannot be recovered by subtraction from the
 * total. Values are computed before this step from unrounded counts, so rounding never moves them.
 */
public final class DisclosureControl {

    public static final int SMALLEST_SHOWN = 8;

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

    public static View apply(View view) {
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
            shown.add(h.render());
        }
        return view.withFigures(Hidden.primary(view.overall()).render(), shown, view.inequality());
    }

    /** Decimal places of every published value and interval limit. */
    public static final int DECIMALS = 1;

    /** A value or limit rounded half up to {@link #DECIMALS} places; null stays null. */
    public static Double published(Double value) {
        if (value == null) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
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
            // A count that is already hidden stays hidden, so applying the rule twice changes nothing.
            h.hideNumerator = g.numerator() == null || isSmall(g.numerator());
            h.hideDenominator = g.denominator() == null || isSmall(g.denominator());
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

        GroupValue render() {
            GroupValue g = source;
            Long num = hideNumerator || g.numerator() == null ? null : DisclosureControl.count(g.numerator());
            Long den = hideDenominator || g.denominator() == null ? null : DisclosureControl.count(g.denominator());
            if (hideValue) {
                return new GroupValue(g.group(), g.label(), num, den, null, null, null, null, true);
            }
            // Full-precision values would give the unrounded counts back (a value and its interval
            // determine n), so values and limits leave at the precision they are read at.
            return new GroupValue(g.group(), g.label(), num, den, published(g.value()), published(g.lower()),
                    published(g.upper()), g.vsOverall(), false);
        }
    }
}
