package org.core20monitor.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Inequality;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/**
 * The HES small-number rule (SPEC §7) over random cells: every metric, every standard breakdown, counts
 * that are often 1–7, random waits. Views are built by {@link ViewBuilder} from unrounded counts and
 * then go through {@link DisclosureControl#apply}; what comes out must give no small number away.
 */
class DisclosureControlPropertiesTest {

    private static final Breakdowns LAYOUT = Breakdowns.standard();
    private static final int MAX_GROUPS = LAYOUT.list().stream().mapToInt(b -> b.slots()).max().orElseThrow();
    private static final String PERIOD = "2026-10";
    private static final String BASELINE = "2019-10";
    private static final Scope SCOPE = Scope.icb("QWE");

    /**
     * One group's data: two counts, read by the metric as numerator and denominator (or as follow-ups
     * now and in 2019/20), and open and completed waits in days.
     */
    record Group(long x, long y, List<Long> waits, List<Long> completed) {}

    // ---------------------------------------------------------------- generators

    private static Arbitrary<Long> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(6, Arbitraries.longs().between(1, 7)),
                Tuple.of(4, Arbitraries.longs().between(8, 40)),
                Tuple.of(2, Arbitraries.longs().between(41, 3000)));
    }

    private static Arbitrary<List<Long>> waits() {
        Arbitrary<Long> days = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 130)),
                Tuple.of(2, Arbitraries.longs().between(120, 370)),
                Tuple.of(2, Arbitraries.longs().between(360, 1000)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(5, days.list().ofMinSize(1).ofMaxSize(7)),
                Tuple.of(4, days.list().ofMinSize(8).ofMaxSize(30)),
                Tuple.of(1, days.list().ofMinSize(31).ofMaxSize(200)));
    }

    /** Mostly counts of 8 or more, so that statistics over all groups are often shown. */
    private static Arbitrary<Long> largerCounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(1, 7)),
                Tuple.of(8, Arbitraries.longs().between(8, 60)),
                Tuple.of(40, Arbitraries.longs().between(61, 3000)));
    }

    private static Arbitrary<List<Long>> longerWaits() {
        Arbitrary<Long> days = Arbitraries.longs().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(1, days.list().ofMinSize(1).ofMaxSize(7)),
                Tuple.of(30, days.list().ofMinSize(8).ofMaxSize(120)));
    }

    @Provide
    Arbitrary<List<Group>> groups() {
        return Combinators.combine(counts(), counts(), waits(), waits()).as(Group::new).list().ofSize(MAX_GROUPS);
    }

    @Provide
    Arbitrary<List<Group>> mostlyLargeGroups() {
        return Combinators.combine(largerCounts(), largerCounts(), longerWaits(), longerWaits()).as(Group::new)
                .list().ofSize(MAX_GROUPS);
    }

    @Provide
    Arbitrary<Breakdown> anyBreakdown() {
        return Arbitraries.of(LAYOUT.list());
    }

    @Provide
    Arbitrary<Breakdown> comparedBreakdown() {
        return Arbitraries.of(Breakdown.IMD_QUINTILE, Breakdown.IMD_DECILE, Breakdown.ETHNICITY_GROUP);
    }

    // ---------------------------------------------------------------- cells from the generated groups

    private static OutpatientEvent attended(Appointment appointment, Medium medium, Outcome outcome) {
        return TestEvents.attendance(appointment, AttendanceStatus.ATTENDED, medium, outcome);
    }

    /** Adds events that give the group the metric's counts: x and y as numerator and denominator. */
    private static void addEvents(TestCells.Cell now, TestCells.Cell then, Metric metric, EventProfile p, Group g) {
        long small = Math.min(g.x(), g.y());
        long large = Math.max(g.x(), g.y());
        OutpatientEvent followUp = attended(Appointment.FOLLOW_UP, Medium.FACE_TO_FACE, Outcome.FOLLOW_UP);
        OutpatientEvent first = attended(Appointment.FIRST, Medium.FACE_TO_FACE, Outcome.DISCHARGED);
        switch (metric) {
            case PIFU_RATE -> {
                now.add(attended(Appointment.FOLLOW_UP, Medium.VIDEO, Outcome.PIFU), p, small);
                now.add(followUp, p, large - small);
            }
            case DISCHARGE_RATE -> {
                now.add(first, p, small);
                now.add(followUp, p, large - small);
            }
            case DNA_RATE -> {
                now.add(TestEvents.attendance(Appointment.FIRST, AttendanceStatus.DNA, null, null), p, small);
                now.add(followUp, p, large - small);
            }
            case REMOTE_SHARE -> {
                now.add(attended(Appointment.FIRST, Medium.TELEPHONE, Outcome.DISCHARGED), p, small / 2);
                now.add(attended(Appointment.FOLLOW_UP, Medium.VIDEO, Outcome.FOLLOW_UP), p, small - small / 2);
                now.add(followUp, p, large - small);
            }
            case FU_RATIO -> {
                now.add(followUp, p, g.x());
                now.add(first, p, g.y());
            }
            case ADVICE_PER_100_FIRST -> {
                now.add(TestEvents.builder(EventType.ADVICE_REQUEST).build(), p, g.x());
                now.add(first, p, g.y());
            }
            case PIFU_RETURN_RATE -> {
                now.add(TestEvents.builder(EventType.PIFU_RETURN).build(), p, g.x());
                now.add(attended(Appointment.FIRST, Medium.FACE_TO_FACE, Outcome.PIFU), p, g.y());
            }
            case OPFU_CHANGE -> {
                now.add(followUp, p, g.x());
                then.add(followUp, p, g.y());
            }
            default -> { } // waits and completed pathways only
        }
    }

    private static View build(Metric metric, Breakdown b, List<Group> groups) {
        TestCells.Cell now = TestCells.cell().waitsAsOf("2026-10-31").completedData();
        TestCells.Cell then = TestCells.cell();
        for (int i = 0; i < b.slots(); i++) {
            EventProfile p = TestEvents.profileIn(b, i);
            Group g = groups.get(i);
            addEvents(now, then, metric, p, g);
            for (long d : g.waits()) {
                now.waiting(p, d, 1);
            }
            for (long d : g.completed()) {
                now.completed(p, d, 1);
            }
        }
        TestCells cells = TestCells.of(now.snapshot(PERIOD, SCOPE), then.snapshot(BASELINE, SCOPE));
        View v = ViewBuilder.build(metric, b, PERIOD, SCOPE, cells);
        assertThat(v).as("a view of %s by %s", metric.id, b.id).isNotNull();
        return v;
    }

    // ---------------------------------------------------------------- the properties

    @Property(tries = 600)
    void anyMetricByAnyBreakdown(@ForAll Metric metric, @ForAll("anyBreakdown") Breakdown breakdown,
                                 @ForAll("groups") List<Group> groups) {
        check(metric, breakdown, groups);
    }

    /** The breakdowns with statistics built on several groups: the deprivation gap and SII, and White. */
    @Property(tries = 200)
    void metricsByDeprivationAndEthnicity(@ForAll Metric metric, @ForAll("comparedBreakdown") Breakdown breakdown,
                                          @ForAll("groups") List<Group> groups) {
        check(metric, breakdown, groups);
    }

    /** As above with mostly larger counts, so that gaps, SIIs and comparisons with White are often shown. */
    @Property(tries = 200)
    void metricsByDeprivationAndEthnicityWithFewSmallGroups(@ForAll Metric metric,
                                                            @ForAll("comparedBreakdown") Breakdown breakdown,
                                                            @ForAll("mostlyLargeGroups") List<Group> groups) {
        check(metric, breakdown, groups);
    }

    private static void check(Metric metric, Breakdown breakdown, List<Group> groups) {
        View in = build(metric, breakdown, groups);
        View out = DisclosureControl.apply(in);
        String where = metric.id + " by " + breakdown.id;

        List<GroupValue> before = new ArrayList<>(in.groups());
        before.add(in.overall());
        List<GroupValue> after = new ArrayList<>(out.groups());
        after.add(out.overall());
        assertThat(after).hasSameSizeAs(before);
        boolean anySmall = false;
        for (int i = 0; i < after.size(); i++) {
            GroupValue b = before.get(i);
            GroupValue o = after.get(i);
            String what = where + ", group " + b.group() + " (" + b.numerator() + "/" + b.denominator() + ")";
            assertThat(o.group()).isEqualTo(b.group());
            assertSafeCount(o.numerator(), what + " numerator");
            assertSafeCount(o.denominator(), what + " denominator");
            if (o.numerator() != null) {
                assertThat(o.numerator()).as(what).isEqualTo(nearest5(b.numerator()));
            }
            if (o.denominator() != null) {
                assertThat(o.denominator()).as(what).isEqualTo(nearest5(b.denominator()));
            }
            boolean small = isSmall(b.numerator()) || isSmall(b.denominator());
            anySmall |= small;
            if (small) {
                assertThat(o.value()).as(what + " value").isNull();
                assertThat(o.lower()).as(what + " lower").isNull();
                assertThat(o.upper()).as(what + " upper").isNull();
                assertThat(o.vsOverall()).as(what + " vs_overall").isNull();
                assertThat(o.vsReference()).as(what + " vs_reference").isNull();
                assertThat(o.suppressed()).as(what + " suppressed").isTrue();
            }
            if (o.suppressed()) {
                assertThat(o.value()).as(what + " value").isNull();
            }
            if (metric.kind == Metric.Kind.MEDIAN && b.numerator() < DisclosureControl.SMALLEST_SHOWN) {
                assertThat(o.value()).as(what + ": a median of fewer than 8 pathways").isNull();
            }
            if (metric.kind == Metric.Kind.COUNT) {
                for (Double d : new Double[] {o.value(), o.lower(), o.upper()}) {
                    if (d != null) {
                        assertThat(d % 5).as(what + " count value or limit " + d).isEqualTo(0.0);
                    }
                }
                if (o.value() != null) {
                    assertThat(o.value()).as(what).isEqualTo((double) nearest5(b.numerator()));
                }
            } else if (o.value() != null) {
                int decimals = metric.kind == Metric.Kind.RATIO ? 2 : 1;
                assertThat(o.value()).as(what + " value").isEqualTo(rounded(b.value(), decimals));
                assertThat(o.lower()).as(what + " lower").isEqualTo(rounded(b.lower(), decimals));
                assertThat(o.upper()).as(what + " upper").isEqualTo(rounded(b.upper(), decimals));
            }
        }
        Statistics.label("a group with a count of 1-7").collect(anySmall);

        secondarySuppression(in.groups(), out.groups(), true, where);
        secondarySuppression(in.groups(), out.groups(), false, where);

        Inequality inequality = out.inequality();
        if (inequality != null) {
            List<GroupValue> quantiles = out.groups().subList(0, out.groups().size() - 1);
            GroupValue most = quantiles.get(0);
            GroupValue least = quantiles.get(quantiles.size() - 1);
            assertThat(most.group()).isEqualTo("1");
            assertThat(least.group()).isEqualTo(breakdown.id.equals("imd_decile") ? "10" : "5");
            if (most.suppressed() || least.suppressed()) {
                assertThat(List.of(nullable(inequality.gap()), nullable(inequality.gapLower()),
                        nullable(inequality.gapUpper()), nullable(inequality.ratio()),
                        nullable(inequality.ratioLower()), nullable(inequality.ratioUpper())))
                        .as(where + ": gap and ratio with an end group hidden").containsOnly("null");
            }
            boolean anyHidden = quantiles.stream().anyMatch(GroupValue::suppressed);
            if (anyHidden) {
                assertThat(List.of(nullable(inequality.sii()), nullable(inequality.siiLower()),
                        nullable(inequality.siiUpper()), nullable(inequality.rii()),
                        nullable(inequality.riiLower()), nullable(inequality.riiUpper())))
                        .as(where + ": SII and RII with a quantile hidden").containsOnly("null");
            }
            Statistics.label("inequality with a hidden quantile").collect(anyHidden);
            // what is shown is the unrounded statistic at the published precision (a ratio's differences
            // keep two decimals, like its values)
            Inequality raw = in.inequality();
            int places = Metric.byId(in.metric()).kind == Metric.Kind.RATIO ? 2 : 1;
            if (inequality.gap() != null) {
                assertThat(inequality.gap()).as(where + " gap").isEqualTo(rounded(raw.gap(), places));
                assertThat(inequality.ratio()).as(where + " ratio").isEqualTo(rounded(raw.ratio(), 2));
            }
            if (inequality.sii() != null) {
                assertThat(inequality.sii()).as(where + " sii").isEqualTo(rounded(raw.sii(), places));
                assertThat(inequality.siiLower()).as(where + " sii_lower").isEqualTo(rounded(raw.siiLower(), places));
                assertThat(inequality.rii()).as(where + " rii").isEqualTo(rounded(raw.rii(), 2));
            }
            Statistics.label("SII shown").collect(inequality.sii() != null);
        }
        if (breakdown.id.equals("ethnicity_group")) {
            GroupValue white = out.groups().get(0);
            for (GroupValue g : out.groups()) {
                if (g.vsReference() != null) {
                    assertThat(white.suppressed()).as(where + ": compared with a hidden White group").isFalse();
                    assertThat(g.suppressed()).as(where + ": a hidden group compared with White").isFalse();
                }
            }
            Statistics.label("White hidden").collect(white.suppressed());
            Statistics.label("a comparison with White shown")
                    .collect(out.groups().stream().anyMatch(g -> g.vsReference() != null));
        }

        String once = ViewJson.write(out);
        assertThat(ViewJson.write(DisclosureControl.apply(out))).as(where + ": applied twice").isEqualTo(once);
        assertThat(ViewJson.write(DisclosureControl.apply(ViewJson.read(once))))
                .as(where + ": applied again after a trip through JSON").isEqualTo(once);
    }

    /**
     * Where exactly one group's count in a column is 1–7 and another group's is positive, a second
     * positive count of that column is hidden as well, so the small one cannot be had by subtraction.
     */
    private static void secondarySuppression(List<GroupValue> in, List<GroupValue> out, boolean numerator,
                                             String where) {
        List<Integer> small = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Long c = numerator ? in.get(i).numerator() : in.get(i).denominator();
            if (c == null) {
                continue;
            }
            if (isSmall(c)) {
                small.add(i);
            } else if (c > 0) {
                others.add(i);
            }
        }
        if (small.size() == 1 && !others.isEmpty()) {
            long hidden = others.stream()
                    .filter(i -> (numerator ? out.get(i).numerator() : out.get(i).denominator()) == null).count();
            assertThat(hidden).as(where + ": a second " + (numerator ? "numerator" : "denominator") + " hidden")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isSmall(Long count) {
        return count != null && count >= 1 && count <= 7;
    }

    private static void assertSafeCount(Long count, String what) {
        if (count != null) {
            assertThat(count >= 1 && count <= 7).as(what + " " + count + " is 1-7").isFalse();
            assertThat(count % 5).as(what + " " + count + " is a multiple of 5").isZero();
        }
    }

    /** Nearest multiple of 5 by integer arithmetic (whole numbers have no halves). */
    private static long nearest5(long n) {
        return (n + 2) / 5 * 5;
    }

    /** Half up to the published decimals; a statistic that is not a finite number is not published. */
    private static Double rounded(Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static String nullable(Double d) {
        return d == null ? "null" : d.toString();
    }
}
