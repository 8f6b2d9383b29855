package org.core20monitor.core.disclosure;

import java.util.ArrayList;
import java.util.List;
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
            boolean suppressed = hideNumerator || hideDenominator || hideValue;
            if (hideValue) {
                return new GroupValue(g.group(), g.label(), num, den, null, null, null, null, true);
            }
            return new GroupValue(g.group(), g.label(), num, den, g.value(), g.lower(), g.upper(), g.vsOverall(),
                    suppressed);
        }
    }
}
