package org.core20monitor.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Inequality;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NHS Digital's HES small-number rule (SPEC §7). */
class DisclosureControlTest {

    /** Deciles that land in quintile slots 0..4, and null for "unknown" (slot 5). */
    private static final Integer[] DECILE_OF_SLOT = {1, 3, 5, 7, 9, null};

    /** A PIFU-rate view by IMD quintile with the given numerators and denominators per slot. */
    static View view(long[] numerators, long[] denominators) {
        TestCells.Cell cell = TestCells.cell();
        for (int slot = 0; slot < 6; slot++) {
            TestEvents.addPifuGroup(cell, DECILE_OF_SLOT[slot], numerators[slot], denominators[slot]);
        }
        return ViewBuilder.build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, "2026-10", Scope.icb("QWE"),
                TestCells.of(cell.snapshot("2026-10", Scope.icb("QWE"))));
    }

    /** Nearest multiple of 5, by integer arithmetic (no halves arise for whole numbers). */
    static long nearest5(long n) {
        return (n + 2) / 5 * 5;
    }

    // ---------------------------------------------------------------- count()

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0", "8, 10", "9, 10", "10, 10", "12, 10", "13, 15", "17, 15", "18, 20", "1234, 1235",
            "1232, 1230", "1000000, 1000000"})
    void countsAreRoundedToTheNearest5(long count, long shown) {
        assertThat(DisclosureControl.count(count)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7})
    void countsOf1To7AreHidden(long count) {
        assertThat(DisclosureControl.count(count)).isNull();
        assertThat(DisclosureControl.isSmall(count)).isTrue();
    }

    @Test
    void roundingAgreesWithTwoOtherFormulasOverARange() {
        for (long n = 8; n <= 20_000; n++) {
            long expected = Math.round(n / 5.0) * 5;
            assertThat(DisclosureControl.count(n)).as("count %d", n).isEqualTo(expected).isEqualTo(nearest5(n));
            assertThat(Math.abs(expected - n)).isLessThanOrEqualTo(2);
        }
        assertThat(DisclosureControl.isSmall(0)).isFalse();
        assertThat(DisclosureControl.isSmall(8)).isFalse();
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> DisclosureControl.count(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- apply(View)

    private static void assertHiddenValue(GroupValue g) {
        assertThat(g.value()).as("value of %s", g.group()).isNull();
        assertThat(g.lower()).as("lower of %s", g.group()).isNull();
        assertThat(g.upper()).as("upper of %s", g.group()).isNull();
        assertThat(g.vsOverall()).as("vs_overall of %s", g.group()).isNull();
        assertThat(g.suppressed()).as("suppressed of %s", g.group()).isTrue();
    }

    private static void assertShown(GroupValue out, GroupValue in) {
        assertThat(out.numerator()).as("numerator of %s", in.group()).isEqualTo(nearest5(in.numerator()));
        assertThat(out.denominator()).as("denominator of %s", in.group()).isEqualTo(nearest5(in.denominator()));
        assertThat(out.value()).as("value of %s", in.group()).isEqualTo(oneDecimal(in.value()));
        assertThat(out.lower()).isEqualTo(oneDecimal(in.lower()));
        assertThat(out.upper()).isEqualTo(oneDecimal(in.upper()));
        assertThat(out.vsOverall()).isEqualTo(in.vsOverall());
        assertThat(out.suppressed()).as("suppressed of %s", in.group()).isFalse();
    }

    @Test
    void aSmallNumeratorHidesTheGroupAndTheNextSmallestGroup() {
        View in = view(new long[] {3, 21, 52, 33, 101, 0}, new long[] {100, 197, 503, 298, 1002, 0});
        View out = DisclosureControl.apply(in);
        List<GroupValue> g = out.groups();

        // quintile 1: numerator 3 hidden, denominator rounded
        assertHiddenValue(g.get(0));
        assertThat(g.get(0).numerator()).isNull();
        assertThat(g.get(0).denominator()).isEqualTo(100);
        // quintile 2 has the next smallest non-zero numerator (21): hidden as well
        assertHiddenValue(g.get(1));
        assertThat(g.get(1).numerator()).isNull();
        assertThat(g.get(1).denominator()).isEqualTo(195);
        // the rest rounded, values untouched
        assertShown(g.get(2), in.groups().get(2));
        assertShown(g.get(3), in.groups().get(3));
        assertShown(g.get(4), in.groups().get(4));
        assertThat(g.get(2).numerator()).isEqualTo(50);
        assertThat(g.get(3).numerator()).isEqualTo(35);
        assertThat(g.get(4).denominator()).isEqualTo(1000);
        // unknown: no data, nothing to hide
        assertThat(g.get(5).numerator()).isZero();
        assertThat(g.get(5).denominator()).isZero();
        assertThat(g.get(5).value()).isNull();
        assertThat(g.get(5).suppressed()).isFalse();
        // overall: 210/2100 unrounded total counts shown rounded, value from the unrounded counts
        assertThat(in.overall().numerator()).isEqualTo(210);
        assertThat(out.overall().numerator()).isEqualTo(210);
        assertThat(in.overall().denominator()).isEqualTo(2100);
        assertThat(out.overall().denominator()).isEqualTo(2100);
        assertThat(out.overall().value()).isEqualTo(oneDecimal(in.overall().value())).isEqualTo(10.0);
        // the identity of the view is kept
        assertThat(out.metric()).isEqualTo(in.metric());
        assertThat(out.period()).isEqualTo(in.period());
        assertThat(out.scope()).isEqualTo(in.scope());
        assertThat(out.breakdown()).isEqualTo(in.breakdown());
        assertThat(out.updatedAt()).isEqualTo(in.updatedAt());
    }

    @Test
    void overallCountsAreRounded() {
        View in = view(new long[] {12, 21, 52, 33, 101, 9}, new long[] {103, 197, 503, 298, 1002, 44});
        View out = DisclosureControl.apply(in);
        assertThat(in.overall().numerator()).isEqualTo(228);
        assertThat(in.overall().denominator()).isEqualTo(2147);
        assertThat(out.overall().numerator()).isEqualTo(230);
        assertThat(out.overall().denominator()).isEqualTo(2145);
        assertThat(out.overall().value()).isEqualTo(10.6); // 228 / 2147 = 10.619…%
        assertThat(out.overall().suppressed()).isFalse();
        // nothing small: every group shown, rounded
        for (int i = 0; i < 6; i++) {
            assertShown(out.groups().get(i), in.groups().get(i));
        }
    }

    @Test
    void aSmallDenominatorHidesTheGroup() {
        View in = view(new long[] {2, 21, 52, 33, 101, 0}, new long[] {5, 197, 503, 298, 1002, 0});
        View out = DisclosureControl.apply(in);
        GroupValue q1 = out.groups().get(0);
        assertHiddenValue(q1);
        assertThat(q1.numerator()).isNull();
        assertThat(q1.denominator()).isNull();
        // one hidden numerator and one hidden denominator: the next smallest of each goes too (quintile 2)
        assertHiddenValue(out.groups().get(1));
        assertThat(out.groups().get(1).numerator()).isNull();
        assertThat(out.groups().get(1).denominator()).isNull();
        assertShown(out.groups().get(2), in.groups().get(2));
    }

    @Test
    void aZeroNumeratorOverASmallDenominatorHidesTheRate() {
        View in = view(new long[] {0, 21, 52, 33, 101, 0}, new long[] {5, 197, 503, 298, 1002, 0});
        View out = DisclosureControl.apply(in);
        GroupValue q1 = out.groups().get(0);
        assertHiddenValue(q1);
        assertThat(q1.numerator()).isZero();
        assertThat(q1.denominator()).isNull();
        // the next smallest denominator (quintile 2, 197) is hidden too
        assertHiddenValue(out.groups().get(1));
        assertThat(out.groups().get(1).denominator()).isNull();
    }

    @Test
    void twoSmallGroupsNeedNoFurtherHiding() {
        View in = view(new long[] {3, 5, 52, 33, 101, 0}, new long[] {100, 120, 503, 298, 1002, 0});
        View out = DisclosureControl.apply(in);
        assertHiddenValue(out.groups().get(0));
        assertHiddenValue(out.groups().get(1));
        assertThat(out.groups().get(0).numerator()).isNull();
        assertThat(out.groups().get(1).numerator()).isNull();
        assertThat(out.groups().get(0).denominator()).isEqualTo(100);
        assertThat(out.groups().get(1).denominator()).isEqualTo(120);
        for (int i = 2; i < 5; i++) {
            assertShown(out.groups().get(i), in.groups().get(i));
        }
    }

    @Test
    void aSmallOverallIsHiddenToo() {
        View in = view(new long[] {1, 0, 2, 0, 1, 0}, new long[] {40, 50, 60, 2, 30, 0});
        View out = DisclosureControl.apply(in);
        assertThat(in.overall().numerator()).isEqualTo(4);
        assertThat(out.overall().numerator()).isNull();
        assertThat(out.overall().denominator()).isEqualTo(180);
        assertThat(out.overall().value()).isNull();
        assertThat(out.overall().lower()).isNull();
        assertThat(out.overall().upper()).isNull();
        assertThat(out.overall().suppressed()).isTrue();
    }

    @Test
    void zeroCountsStayZero() {
        View in = view(new long[] {0, 0, 0, 0, 0, 0}, new long[] {40, 50, 60, 20, 30, 10});
        View out = DisclosureControl.apply(in);
        for (GroupValue g : out.groups()) {
            assertThat(g.numerator()).isZero();
            assertThat(g.value()).isEqualTo(0.0);
            assertThat(g.suppressed()).isFalse();
        }
        assertThat(out.overall().numerator()).isZero();
    }

    @Test
    void theInputViewIsNotChanged() {
        View in = view(new long[] {3, 21, 52, 33, 101, 0}, new long[] {100, 197, 503, 298, 1002, 0});
        View copy = view(new long[] {3, 21, 52, 33, 101, 0}, new long[] {100, 197, 503, 298, 1002, 0});
        DisclosureControl.apply(in);
        assertThat(in).isEqualTo(copy);
    }

    /**
     * A view that has already been through the rule (for example one read back from an export or a
     * cache) must come out of it again unchanged: in particular its hidden groups must stay marked
     * {@code suppressed: true}.
     */
    @Test
    void applyingTwiceChangesNothingMore() {
        View in = view(new long[] {3, 21, 52, 33, 101, 0}, new long[] {100, 197, 503, 298, 1002, 0});
        View once = DisclosureControl.apply(in);
        assertThat(DisclosureControl.apply(once)).isEqualTo(once);
    }

    // ---------------------------------------------------------------- property test

    private static long randomDenominator(Random random) {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return 0;
        }
        if (kind < 9) {
            return 1 + random.nextInt(7);
        }
        if (kind < 14) {
            return 8 + random.nextInt(30);
        }
        return 38 + random.nextInt(kind == 19 ? 5_000 : 400);
    }

    private static long randomNumerator(Random random, long denominator) {
        if (denominator == 0) {
            return 0;
        }
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Math.min(denominator, 1 + random.nextInt(7));
            default -> (long) (random.nextDouble() * (denominator + 1));
        };
    }

    private static void assertSafeCount(Long count, String what) {
        if (count != null) {
            assertThat(count >= 1 && count <= 7).as(what + " " + count + " is 1-7").isFalse();
            assertThat(count % 5).as(what + " is a multiple of 5").isZero();
        }
    }

    @Test
    void randomViewsNeverShowSmallNumbers() {
        Random random = new Random(7_2026L);
        int views = 0;
        int secondaryCases = 0;
        for (int v = 0; v < 2_000; v++) {
            long[] num = new long[6];
            long[] den = new long[6];
            for (int slot = 0; slot < 6; slot++) {
                den[slot] = randomDenominator(random);
                num[slot] = randomNumerator(random, den[slot]);
            }
            View in = view(num, den);
            View out = DisclosureControl.apply(in);
            views++;
            String where = "view " + v + " num " + java.util.Arrays.toString(num) + " den "
                    + java.util.Arrays.toString(den);

            List<GroupValue> all = new ArrayList<>(out.groups());
            all.add(out.overall());
            List<GroupValue> before = new ArrayList<>(in.groups());
            before.add(in.overall());
            assertThat(all).hasSameSizeAs(before);
            for (int i = 0; i < all.size(); i++) {
                GroupValue o = all.get(i);
                GroupValue b = before.get(i);
                String what = where + " group " + b.group();
                assertSafeCount(o.numerator(), what + " numerator");
                assertSafeCount(o.denominator(), what + " denominator");
                if (DisclosureControl.isSmall(b.numerator()) || DisclosureControl.isSmall(b.denominator())) {
                    assertThat(o.value()).as(what + " value").isNull();
                    assertThat(o.lower()).as(what + " lower").isNull();
                    assertThat(o.upper()).as(what + " upper").isNull();
                    assertThat(o.suppressed()).as(what + " suppressed").isTrue();
                }
                if (o.numerator() != null) {
                    assertThat(o.numerator()).as(what).isEqualTo(nearest5(b.numerator()));
                }
                if (o.denominator() != null) {
                    assertThat(o.denominator()).as(what).isEqualTo(nearest5(b.denominator()));
                }
                if (o.value() != null) {
                    assertThat(o.value()).as(what).isEqualTo(oneDecimal(b.value()));
                }
                if (o.numerator() == null || o.denominator() == null) {
                    assertThat(o.suppressed()).as(what + " suppressed").isTrue();
                }
            }

            // secondary suppression: a lone small numerator must not be recoverable from the total
            List<Integer> smallNum = new ArrayList<>();
            int otherNonZero = 0;
            for (int slot = 0; slot < 6; slot++) {
                if (DisclosureControl.isSmall(num[slot])) {
                    smallNum.add(slot);
                } else if (num[slot] > 0) {
                    otherNonZero++;
                }
            }
            if (smallNum.size() == 1 && otherNonZero > 0) {
                secondaryCases++;
                long hiddenOthers = 0;
                for (int slot = 0; slot < 6; slot++) {
                    if (slot != smallNum.get(0) && num[slot] > 0 && out.groups().get(slot).numerator() == null) {
                        hiddenOthers++;
                    }
                }
                assertThat(hiddenOthers).as(where + ": a second numerator hidden").isGreaterThanOrEqualTo(1);
            }
        }
        assertThat(views).isEqualTo(2_000);
        assertThat(secondaryCases).as("the random views exercise secondary suppression").isGreaterThan(50);
    }

    /** Published values have one decimal place, rounded half up. */
    private static Double oneDecimal(Double v) {
        return v == null ? null : Math.floor(v * 10 + 0.5) / 10;
    }

    @Test
    void countsMakingUpAShownTotalGetSecondarySuppression() {
        java.util.Map<String, Long> in = new java.util.TreeMap<>(java.util.Map.of("a", 3L, "b", 40L, "c", 12L, "d", 0L));
        java.util.Map<String, Long> out = DisclosureControl.breakdown(in);
        assertThat(out.get("a")).isNull();            // 1–7: hidden
        assertThat(out.get("c")).isNull();            // the next smallest, hidden so "a" cannot be recovered
        assertThat(out.get("b")).isEqualTo(40L);
        assertThat(out.get("d")).isEqualTo(0L);       // 0 stays 0
        java.util.Map<String, Long> two = DisclosureControl.breakdown(java.util.Map.of("a", 3L, "b", 5L, "c", 12L));
        assertThat(two.get("c")).as("two hidden already protect each other").isEqualTo(10L);
    }

    // ---------------------------------------------------------------- by kind of metric

    private static final Scope QWE = Scope.icb("QWE");

    private static View build(Metric metric, Breakdown b, TestCells.Cell cell) {
        return ViewBuilder.build(metric, b, "2026-10", QWE, TestCells.of(cell.snapshot("2026-10", QWE)));
    }

    private static EventProfile quintile(int q) {
        return TestEvents.profileIn(Breakdown.IMD_QUINTILE, q - 1);
    }

    @Test
    void waitingListCountsAndTheirLimitsAreRoundedToFive() {
        TestCells.Cell cell = TestCells.cell();
        long[] pathways = {8, 12, 103, 0, 3};
        for (int q = 1; q <= 5; q++) {
            cell.waiting(quintile(q), 50, pathways[q - 1]);
        }
        View in = build(Metric.WAITING_LIST, Breakdown.IMD_QUINTILE, cell);
        View out = DisclosureControl.apply(in);
        List<GroupValue> g = out.groups();
        assertThat(g.get(1).value()).isEqualTo(10.0);
        assertThat(g.get(2).value()).isEqualTo(105.0);
        assertThat(g.get(2).lower()).isEqualTo(Math.round(in.groups().get(2).lower() / 5) * 5.0);
        assertThat(g.get(2).upper()).isEqualTo(Math.round(in.groups().get(2).upper() / 5) * 5.0);
        assertThat(g.get(3).value()).isEqualTo(0.0);          // 0 stays 0
        assertHiddenValue(g.get(4));                          // 3 pathways
        assertThat(g.get(4).numerator()).isNull();
        // one hidden count: the next smallest (8) goes too
        assertHiddenValue(g.get(0));
        assertThat(g.get(0).numerator()).isNull();
        assertThat(out.overall().value()).isEqualTo(125.0);   // 126 pathways
        assertThat(out.overall().denominator()).isNull();
        for (GroupValue v : g) {
            assertThat(v.denominator()).as("a count has no denominator").isNull();
        }
    }

    @Test
    void ratiosKeepTwoDecimalsAndPercentagesOne() {
        TestCells.Cell cell = TestCells.cell();
        OutpatientEvent followUp = TestEvents.attendance(Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED,
                Medium.FACE_TO_FACE, Outcome.PIFU);
        OutpatientEvent first = TestEvents.attendance(Appointment.FIRST, AttendanceStatus.ATTENDED,
                Medium.FACE_TO_FACE, Outcome.FOLLOW_UP);
        cell.add(followUp, quintile(1), 100);
        cell.add(first, quintile(1), 30);
        View ratio = DisclosureControl.apply(build(Metric.FU_RATIO, Breakdown.IMD_QUINTILE, cell));
        assertThat(ratio.groups().get(0).value()).isEqualTo(3.33);  // 100 / 30
        View pifu = DisclosureControl.apply(build(Metric.PIFU_RATE, Breakdown.IMD_QUINTILE, cell));
        assertThat(pifu.groups().get(0).value()).isEqualTo(76.9);   // 100 / 130 = 76.92…%
    }

    @Test
    void aMedianOfFewerThanEightPathwaysIsHidden() {
        TestCells.Cell cell = TestCells.cell();
        for (long d = 1; d <= 7; d++) {
            cell.waiting(quintile(1), 10 * d, 1);       // 7 pathways: hidden
        }
        for (long d = 1; d <= 10; d++) {
            cell.waiting(quintile(2), 10 * d, 1);       // 10 pathways, median 55 days
        }
        for (long d = 1; d <= 8; d++) {
            cell.waiting(quintile(3), 10 * d, 1);       // 8 pathways: hidden as the next smallest
        }
        cell.waiting(quintile(5), 100, 20);
        View in = build(Metric.MEDIAN_WAIT_WEEKS, Breakdown.IMD_QUINTILE, cell);
        View out = DisclosureControl.apply(in);
        assertHiddenValue(out.groups().get(0));
        assertHiddenValue(out.groups().get(2));
        assertThat(out.groups().get(1).value()).isEqualTo(7.9);     // 55 days = 7.86 weeks
        assertThat(out.groups().get(1).numerator()).isEqualTo(10);
        assertThat(out.groups().get(4).value()).isEqualTo(14.3);    // 100 days
        assertThat(out.overall().value()).isEqualTo(oneDecimal(in.overall().value()));
        assertThat(in.inequality().gap()).isNotNull();
        assertThat(out.inequality().gap()).as("quintile 1 is hidden").isNull();
    }

    @Test
    void aHiddenMiddleQuintileHidesTheSiiButNotTheGap() {
        View in = view(new long[] {30, 20, 5, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        assertThat(in.inequality().sii()).isNotNull();
        View out = DisclosureControl.apply(in);
        assertHiddenValue(out.groups().get(2));
        assertHiddenValue(out.groups().get(1));                      // the next smallest numerator
        Inequality i = out.inequality();
        assertThat(i.gap()).isEqualTo(-6.0);
        assertThat(i.gapLower()).isNotNull();
        assertThat(i.ratio()).isEqualTo(0.33);
        assertThat(List.of(Optional.ofNullable(i.sii()), Optional.ofNullable(i.siiLower()),
                Optional.ofNullable(i.siiUpper()), Optional.ofNullable(i.rii()), Optional.ofNullable(i.riiLower()),
                Optional.ofNullable(i.riiUpper()))).containsOnly(Optional.empty());
        assertThat(i.note()).contains("hidden");
        assertThat(i.orientation()).isEqualTo(Inequality.ORIENTATION);
    }

    @Test
    void aHiddenEndQuintileHidesGapAndSii() {
        View in = view(new long[] {4, 45, 60, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        View out = DisclosureControl.apply(in);
        Inequality i = out.inequality();
        assertThat(i.gap()).isNull();
        assertThat(i.ratio()).isNull();
        assertThat(i.sii()).isNull();
        assertThat(i.rii()).isNull();
        View shown = DisclosureControl.apply(view(new long[] {30, 45, 60, 70, 90, 0},
                new long[] {1000, 900, 1100, 1000, 1000, 0}));
        assertThat(shown.inequality().gap()).isEqualTo(-6.0);
        assertThat(shown.inequality().sii()).isNotNull();
        View raw = view(new long[] {30, 45, 60, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        assertThat(shown.inequality().rii()).isEqualTo(
                BigDecimal.valueOf(raw.inequality().rii()).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue());
        assertThat(shown.inequality().sii()).isEqualTo(oneDecimal(raw.inequality().sii()));
        assertThat(shown.inequality().note()).isNull();
    }

    @Test
    void comparisonsWithAHiddenWhiteGroupAreHidden() {
        TestCells.Cell cell = TestCells.cell();
        long[][] counts = {{3, 50}, {20, 100}, {30, 150}, {40, 120}, {25, 100}, {10, 90}};
        for (int g = 0; g < counts.length; g++) {
            EventProfile p = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, g);
            cell.add(TestEvents.attended(Outcome.PIFU, 5, "A"), p, counts[g][0]);
            cell.add(TestEvents.attended(Outcome.FOLLOW_UP, 5, "A"), p, counts[g][1] - counts[g][0]);
        }
        View in = build(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, cell);
        assertThat(in.groups().get(2).vsReference()).isNotNull();
        View out = DisclosureControl.apply(in);
        assertHiddenValue(out.groups().get(0));
        assertThat(out.groups()).allSatisfy(g -> assertThat(g.vsReference()).as(g.group()).isNull());

        // White shown: comparisons published at the published precision
        counts[0] = new long[] {15, 150};
        TestCells.Cell shown = TestCells.cell();
        for (int g = 0; g < counts.length; g++) {
            EventProfile p = TestEvents.profileIn(Breakdown.ETHNICITY_GROUP, g);
            shown.add(TestEvents.attended(Outcome.PIFU, 5, "A"), p, counts[g][0]);
            shown.add(TestEvents.attended(Outcome.FOLLOW_UP, 5, "A"), p, counts[g][1] - counts[g][0]);
        }
        View out2 = DisclosureControl.apply(build(Metric.PIFU_RATE, Breakdown.ETHNICITY_GROUP, shown));
        assertThat(out2.groups().get(3).vsReference().difference()).isEqualTo(23.3);  // 33.3% − 10%
        assertThat(out2.groups().get(3).vsReference().ratio()).isEqualTo(3.33);
        assertThat(out2.groups().get(3).vsReference().significant()).isTrue();
    }

    @Test
    void theShareNotKnownIsShownOnlyWithTheUnknownGroup() {
        View in = view(new long[] {30, 45, 60, 70, 90, 12}, new long[] {1000, 900, 1100, 1000, 1000, 110});
        assertThat(in.unknownShare()).isCloseTo(100.0 * 110 / 5110, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(DisclosureControl.apply(in).unknownShare()).isEqualTo(2.2);   // 2.15… to one decimal
        View small = view(new long[] {30, 45, 60, 70, 90, 1}, new long[] {1000, 900, 1100, 1000, 1000, 6});
        assertThat(small.unknownShare()).isPositive();
        assertThat(DisclosureControl.apply(small).unknownShare()).as("6 records not known").isNull();
        View none = view(new long[] {30, 45, 60, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        assertThat(DisclosureControl.apply(none).unknownShare()).isEqualTo(0.0);
    }

    @Test
    void sharesAreTakenOfThePublishedCounts() {
        // 9 of 40 is 22.5%, which would give both counts back; published they are 10 of 40.
        assertThat(DisclosureControl.share(9, 40)).isEqualTo(25.0);
        assertThat(DisclosureControl.share(58, 1468)).isEqualTo(4.1);   // 60 / 1470
        assertThat(DisclosureControl.share(0, 40)).isEqualTo(0.0);
        assertThat(DisclosureControl.share(3, 40)).isNull();
        assertThat(DisclosureControl.share(0, 0)).isNull();
    }

    @Test
    void theSiiCurveIsPublishedRoundedAndHiddenWithTheSii() {
        View in = view(new long[] {30, 45, 60, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        List<Double> fit = DisclosureControl.apply(in).inequality().fit();
        assertThat(fit).hasSize(Inequality.FIT_POINTS);
        for (int i = 0; i < fit.size(); i++) {
            assertThat(fit.get(i)).isEqualTo(oneDecimal(in.inequality().fit().get(i)));
        }
        View middleHidden = view(new long[] {30, 20, 5, 70, 90, 0}, new long[] {1000, 900, 1100, 1000, 1000, 0});
        assertThat(DisclosureControl.apply(middleHidden).inequality().fit()).isNull();
    }
}
