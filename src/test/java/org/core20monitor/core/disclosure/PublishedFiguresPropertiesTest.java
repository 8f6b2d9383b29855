package org.core20monitor.core.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.core20monitor.core.TestCells;
import org.core20monitor.core.TestEvents;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.ehia.Monitoring;
import org.core20monitor.core.ehia.ServiceChange;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.report.BoardPaper;
import org.core20monitor.core.view.GroupValue;
import org.core20monitor.core.view.Overview;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ScopeRouting;
import org.core20monitor.core.view.Series;
import org.core20monitor.core.view.View;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/**
 * Disclosure control (SPEC §7) end to end, on what actually leaves the server: the JSON
 * ({@link ViewJson#write}) of published views, series, overviews and board papers, built by the same
 * calls the server makes ({@link DisclosureControl#view}, {@link Series#build}, {@link Overview#build},
 * {@link BoardPaper#build}) from cells aggregated the way the stream job aggregates them (every event in
 * every scope {@link ScopeRouting} gives it, in one slot per breakdown).
 *
 * <p>A random "world" is a handful of buckets of identical events (many of 1–10 events, some of
 * hundreds), each with a period, ICB, provider, specialty (some in Core20PLUS5 clinical areas), a
 * patient profile (IMD decile or unknown, ethnic category or unknown, sex, age band, PLUS groups),
 * attendances of every kind, advice requests, PIFU returns, and open and completed pathways. What is
 * published is compared with counts summed independently from those buckets (group keys written from
 * SPEC §4/§8), not with the builder's own figures.
 *
 * <p>Fields treated as counts, wherever they appear in a document: {@code numerator} and
 * {@code denominator} (a median's numerator is its number of pathways); for the count metric
 * ({@code waiting_list}) also {@code value} and {@code reference_value} (a tile's comparison) and each
 * SPC point's {@code value}. For that metric {@code lower}, {@code upper} and {@code difference} are on
 * the count scale and must be multiples of 5, but are not counts (a limit of 5 is allowed). The
 * view JSON has no other count-like field ({@code count}, {@code n}, {@code pathways}, {@code waiting}
 * do not occur). Shares ({@code unknown_share}, {@code ethnicity_unknown_share},
 * {@code imd_unknown_share}) are checked against {@link DisclosureControl#share}'s rule.
 */
class PublishedFiguresPropertiesTest {

    private static final Breakdowns LAYOUT = TestCells.LAYOUT;
    private static final ClinicalAreas AREAS = ClinicalAreas.DEFAULT;
    private static final ScopeRouting ROUTING = new ScopeRouting(AREAS);
    private static final String PERIOD = "2026-10";
    private static final List<String> TREND = List.of("2026-08", "2026-09", PERIOD);
    private static final List<String> TREND_AND_BASELINE = List.of("2019-09", "2019-10", "2026-08", "2026-09", PERIOD);
    private static final String LIVE_AS_OF = "2026-10-20";

    // ================================================================ the world

    /** One kind of event, as the fields that decide what it counts towards. */
    record Kind(EventType type, Appointment appointment, AttendanceStatus attendance, Medium medium, Outcome outcome) {
        OutpatientEvent event(Bucket b) {
            return TestEvents.builder(type).icb(b.icb()).provider(b.provider()).specialty(b.specialty())
                    .profile(b.profile()).appointment(appointment).attendance(attendance).medium(medium)
                    .outcome(outcome).build();
        }

        @Override
        public String toString() {
            return type == EventType.ATTENDANCE ? appointment + "/" + attendance
                    + (medium == null ? "" : "/" + medium) + (outcome == null ? "" : "/" + outcome) : type.name();
        }
    }

    /** {@code times} identical events. */
    record Batch(Kind kind, long times) {}

    /** {@code count} pathways waiting (or having waited) {@code days} days. */
    record Waits(long days, long count) {}

    /** Events and pathways of one period, place and patient profile. */
    record Bucket(String period, String icb, String provider, String specialty, EventProfile profile,
                  List<Batch> events, List<Waits> open, List<Waits> completed) {}

    /**
     * @param liveMonth whether the latest month is still open: its waiting list then comes from the live
     *                  snapshot and its change since 2019/20 is not yet computed
     */
    record World(List<Bucket> buckets, boolean liveMonth) {

        /** The cells as the stream job stores them. */
        TestCells cells() {
            Map<String, TestCells.Cell> byKey = new LinkedHashMap<>();
            Map<String, Scope> scopeOf = new HashMap<>();
            Map<String, String> periodOf = new HashMap<>();
            Map<Scope, TestCells.Cell> live = new LinkedHashMap<>();
            for (Bucket b : buckets) {
                boolean open = liveMonth && b.period().equals(PERIOD);
                for (Scope s : ROUTING.scopes(b.icb(), b.provider(), b.specialty(), b.profile().age())) {
                    String key = b.period() + "|" + s.id();
                    scopeOf.put(key, s);
                    periodOf.put(key, b.period());
                    TestCells.Cell c = byKey.computeIfAbsent(key, k -> {
                        TestCells.Cell cell = TestCells.cell().completedData()
                                .provisional(b.period().equals(PERIOD));
                        return open ? cell : cell.waitsAsOf(java.time.YearMonth.parse(b.period()).atEndOfMonth()
                                .toString());
                    });
                    for (Batch e : b.events()) {
                        c.add(e.kind().event(b), b.profile(), e.times());
                    }
                    for (Waits w : b.completed()) {
                        c.completed(b.profile(), w.days(), w.count());
                    }
                    TestCells.Cell waits = open ? live.computeIfAbsent(s, k -> TestCells.cell().withoutEvents()
                            .provisional(true).waitsAsOf(LIVE_AS_OF)) : c;
                    for (Waits w : b.open()) {
                        waits.waiting(b.profile(), w.days(), w.count());
                    }
                }
            }
            TestCells cells = TestCells.of();
            byKey.forEach((k, c) -> cells.put(c.snapshot(periodOf.get(k), scopeOf.get(k))));
            live.forEach((s, c) -> cells.putLive(c.snapshot(PERIOD, s)));
            return cells;
        }

        /** The scopes with a cell in the period, in a fixed order. */
        List<Scope> scopes(String period) {
            Map<String, Scope> scopes = new TreeMap<>();
            for (Bucket b : buckets) {
                if (b.period().equals(period)) {
                    for (Scope s : ROUTING.scopes(b.icb(), b.provider(), b.specialty(), b.profile().age())) {
                        scopes.put(s.id(), s);
                    }
                }
            }
            return List.copyOf(scopes.values());
        }

        boolean hasCell(String period, Scope scope) {
            return buckets.stream().anyMatch(b -> b.period().equals(period) && in(b, scope));
        }
    }

    // ================================================================ generators

    private static final List<Kind> KINDS = kinds();

    private static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        for (Appointment a : Appointment.values()) {
            for (Medium m : Medium.values()) {
                for (Outcome o : Outcome.values()) {
                    kinds.add(new Kind(EventType.ATTENDANCE, a, AttendanceStatus.ATTENDED, m, o));
                }
            }
            kinds.add(new Kind(EventType.ATTENDANCE, a, AttendanceStatus.DNA, null, null));
            kinds.add(new Kind(EventType.ATTENDANCE, a, AttendanceStatus.CANCELLED_BY_PATIENT, null, null));
        }
        kinds.add(new Kind(EventType.ADVICE_REQUEST, null, null, null, null));
        kinds.add(new Kind(EventType.PIFU_RETURN, null, null, null, null));
        return List.copyOf(kinds);
    }

    /** Mostly 1–10, some 0, some tens, a few thousands. */
    private static Arbitrary<Long> smallTimes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(12, Arbitraries.longs().between(1, 10)),
                Tuple.of(4, Arbitraries.longs().between(11, 60)),
                Tuple.of(1, Arbitraries.longs().between(61, 3000)));
    }

    /** Mostly tens to hundreds, so that every quintile of a scope can be shown and an SII computed. */
    private static Arbitrary<Long> largeTimes() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(1, 10)),
                Tuple.of(6, Arbitraries.longs().between(11, 400)),
                Tuple.of(1, Arbitraries.longs().between(401, 5000)));
    }

    private static Arbitrary<Long> days() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 140)),
                Tuple.of(2, Arbitraries.longs().between(120, 400)),
                Tuple.of(2, Arbitraries.longs().between(360, 800)),
                Tuple.of(1, Arbitraries.longs().between(700, 1100)));
    }

    private static Arbitrary<EventProfile> profiles() {
        Arbitrary<Integer> decile = Arbitraries.integers().between(1, 10).injectNull(0.15);
        Arbitrary<String> ethnicity = Arbitraries.of(List.copyOf(new java.util.TreeSet<>(EventParser.ETHNICITY_CODES)))
                .injectNull(0.12);
        Arbitrary<String> sex = Arbitraries.of("1", "2", "9", "X").injectNull(0.1);
        Arbitrary<Integer> age = Arbitraries.of(4, 17, 18, 39, 40, 64, 65, 79, 80, 101).injectNull(0.1);
        Arbitrary<List<String>> plus = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<String>of())),
                Tuple.of(2, Arbitraries.subsetOf(EventParser.DEFAULT_PLUS_GROUPS).ofMinSize(1).ofMaxSize(2)
                        .map(s -> s.stream().sorted().toList())));
        return Combinators.combine(decile, ethnicity, sex, age, plus).as(EventProfile::new);
    }

    /** Buckets of mostly small counts, and some of larger ones. */
    private static Arbitrary<Bucket> buckets() {
        return Arbitraries.frequencyOf(Tuple.of(3, buckets(smallTimes(), 1)), Tuple.of(1, buckets(largeTimes(), 1)));
    }

    private static Arbitrary<Bucket> buckets(Arbitrary<Long> times, int minBatches) {
        Arbitrary<String> period = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(PERIOD)),
                Tuple.of(3, Arbitraries.of("2026-08", "2026-09")),
                Tuple.of(2, Arbitraries.of("2019-08", "2019-09", "2019-10")));
        Arbitrary<Batch> batch = Combinators.combine(Arbitraries.of(KINDS), times).as(Batch::new);
        Arbitrary<Waits> waits = Combinators.combine(days(), times).as(Waits::new);
        return Combinators.combine(period, Arbitraries.of("QWE", "QKK"), Arbitraries.of("RXX", "RYY", "R1H"),
                        // 330 no area; 501 maternity; 340 respiratory; 258 children's asthma; 711 SMI or CYP mental health
                        Arbitraries.of("330", "501", "340", "258", "711", "100"), profiles(),
                        batch.list().ofMinSize(minBatches).ofMaxSize(minBatches + 7),
                        waits.list().ofMaxSize(4), waits.list().ofMaxSize(3))
                .as(Bucket::new);
    }

    private static Arbitrary<Boolean> liveMonth() {
        return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(4, false));
    }

    /**
     * Sparse worlds (up to 40 buckets of mostly small counts: many groups of 1–7) and, one time in four,
     * dense ones (many buckets of large counts, so that whole breakdowns are shown, with their gaps and SIIs,
     * beside the odd small group).
     */
    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<World> sparse = Combinators.combine(buckets().list().ofMinSize(1).ofMaxSize(40)
                .withSizeDistribution(RandomDistribution.uniform()), liveMonth()).as(World::new);
        Arbitrary<Bucket> denseBucket = Arbitraries.frequencyOf(Tuple.of(6, buckets(largeTimes(), 6)),
                Tuple.of(1, buckets(smallTimes(), 1)));
        Arbitrary<World> dense = Combinators.combine(denseBucket.list().ofMinSize(30).ofMaxSize(60), liveMonth())
                .as(World::new);
        return Arbitraries.frequencyOf(Tuple.of(3, sparse), Tuple.of(1, dense));
    }

    @Provide
    Arbitrary<Metric> metrics() {
        return Arbitraries.of(Metric.class);
    }

    @Provide
    Arbitrary<Breakdown> breakdowns() {
        return Arbitraries.of(LAYOUT.list());
    }

    // ================================================================ the properties

    /** One published view: any metric, breakdown, scope with data and period. */
    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void aPublishedViewGivesNoSmallNumberAway(@ForAll("worlds") World world, @ForAll("metrics") Metric metric,
                                              @ForAll("breakdowns") Breakdown breakdown,
                                              @ForAll @IntRange(max = 10_000) int pick) {
        // Half the time the latest month, otherwise any month with data; England or an ICB half the time.
        String period = pick % 2 == 0 ? PERIOD : TREND_AND_BASELINE.get(pick / 2 % TREND_AND_BASELINE.size());
        List<Scope> scopes = world.scopes(period);
        if (scopes.isEmpty()) {
            period = world.buckets().get(0).period();
            scopes = world.scopes(period);
        }
        List<Scope> wide = scopes.stream().filter(s -> s.provider() == null && s.specialty() == null
                && s.area() == null).toList();
        Scope scope = pick / 7 % 2 == 0 ? wide.get(pick / 14 % wide.size()) : scopes.get(pick / 14 % scopes.size());
        TestCells cells = world.cells();
        View view = DisclosureControl.view(metric, breakdown, period, scope, cells);
        Check check = new Check(world, cells);
        if (view == null) {
            check.noView(metric, period, scope);
            return;
        }
        check.document(ViewJson.write(view), metric.id + " by " + breakdown.id + " in " + scope.id() + " " + period);
        check.report();
    }

    /** Every metric by every breakdown, in England and in up to three other scopes with data this month. */
    @Property(tries = 20, edgeCases = EdgeCasesMode.NONE)
    void everyFilterCombination(@ForAll("worlds") World world, @ForAll @IntRange(max = 10_000) int pick) {
        TestCells cells = world.cells();
        List<Scope> scopes = new ArrayList<>(world.scopes(PERIOD));
        List<Scope> chosen = new ArrayList<>();
        if (scopes.remove(Scope.ENGLAND)) {
            chosen.add(Scope.ENGLAND);
        }
        for (int i = 0; i < 3 && !scopes.isEmpty(); i++) {
            chosen.add(scopes.remove((pick + 7 * i) % scopes.size()));
        }
        Check check = new Check(world, cells);
        for (Scope scope : chosen) {
            for (Metric metric : Metric.values()) {
                for (Breakdown breakdown : LAYOUT.list()) {
                    View view = DisclosureControl.view(metric, breakdown, PERIOD, scope, cells);
                    if (view == null) {
                        check.noView(metric, PERIOD, scope);
                    } else {
                        check.document(ViewJson.write(view), metric.id + " by " + breakdown.id + " in " + scope.id());
                    }
                }
            }
        }
        check.report();
    }

    /** A monthly series over the trend months (and, sometimes, months of 2019/20): its views, baseline and charts. */
    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void aSeriesGivesNoSmallNumberAway(@ForAll("worlds") World world, @ForAll("metrics") Metric metric,
                                       @ForAll("breakdowns") Breakdown breakdown,
                                       @ForAll @IntRange(max = 10_000) int pick) {
        List<Scope> scopes = world.scopes(PERIOD);
        if (scopes.isEmpty()) {
            scopes = world.scopes(world.buckets().get(0).period());
        }
        Scope scope = scopes.get(pick % scopes.size());
        List<String> periods = pick % 3 == 0 ? TREND_AND_BASELINE : TREND;
        TestCells cells = world.cells();
        Series series = Series.build(metric, breakdown, scope, periods, cells);
        Check check = new Check(world, cells);
        check.document(ViewJson.write(series), "series of " + metric.id + " by " + breakdown.id + " in " + scope.id());
        check.report();
    }

    /** A board paper (and the overview in it) for England or an ICB, or any other scope with data. */
    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
    void aBoardPaperGivesNoSmallNumberAway(@ForAll("worlds") World world,
                                           @ForAll @IntRange(max = 10_000) int pick) {
        List<Scope> scopes = world.scopes(PERIOD);
        if (scopes.isEmpty()) {
            scopes = List.of(Scope.ENGLAND);
        }
        List<Scope> icbs = scopes.stream().filter(s -> s.provider() == null && s.specialty() == null
                && s.area() == null).toList();
        Scope scope = pick % 4 == 0 ? scopes.get(pick % scopes.size()) : icbs.get(pick % icbs.size());
        TestCells cells = world.cells();
        BoardPaper paper = BoardPaper.build(scope, PERIOD, TREND, cells, LAYOUT, AREAS,
                org.core20monitor.core.metric.TargetDates.defaults(), null);
        Check check = new Check(world, cells);
        check.document(ViewJson.write(paper), "board paper of " + scope.id());
        check.report();
    }

    /**
     * EHIA monitoring of a service change that went live in September: each watched group's pooled figures
     * before (August) and since (September and October), and the gaps it compares.
     */
    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void ehiaMonitoringGivesNoSmallNumberAway(@ForAll("worlds") World world, @ForAll @IntRange(max = 10_000) int pick,
                                              @ForAll("watchedMetrics") List<Metric> metrics,
                                              @ForAll("watchedGroups") List<String> groups) {
        List<Scope> scopes = world.scopes(PERIOD);
        if (scopes.isEmpty()) {
            scopes = List.of(Scope.ENGLAND);
        }
        List<Scope> wide = scopes.stream().filter(s -> s.provider() == null && s.specialty() == null).toList();
        Scope scope = pick % 2 == 0 ? wide.get(pick / 2 % wide.size()) : scopes.get(pick / 2 % scopes.size());
        ServiceChange change = new ServiceChange("c-1", "PIFU rollout", scope, "2026-09-01",
                metrics.stream().map(m -> m.id).toList(), groups, "2026-08", "2026-08", ServiceChange.OPEN,
                null, null, null, null);
        TestCells cells = world.cells();
        Monitoring monitoring = Monitoring.build(change, TREND, cells, LAYOUT);
        Check check = new Check(world, cells);
        String where = "monitoring of " + scope.id();
        check.document(ViewJson.write(monitoring), where);
        check.monitoring(ViewJson.write(monitoring), scope, List.of("2026-08"), List.of("2026-09", PERIOD), where);
        check.report();
    }

    @Provide
    Arbitrary<List<Metric>> watchedMetrics() {
        // Mostly the metrics that can be pooled over months; the others are only noted.
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(Metric.PIFU_RATE, Metric.DISCHARGE_RATE,
                        Metric.DNA_RATE, Metric.REMOTE_SHARE, Metric.FU_RATIO, Metric.ADVICE_PER_100_FIRST,
                        Metric.PIFU_RETURN_RATE)), Tuple.of(1, Arbitraries.of(Metric.class)))
                .list().ofMinSize(1).ofMaxSize(5).uniqueElements();
    }

    @Provide
    Arbitrary<List<String>> watchedGroups() {
        return Arbitraries.of(ServiceChange.watchableGroups(LAYOUT)).list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    }

    /** The share rule and the rule for counts making up a total, on their own. */
    @Property(tries = 2000)
    void sharesAndCountBreakdownsGiveNoSmallNumberAway(@ForAll("counts") long part, @ForAll("counts") long rest,
                                                       @ForAll("countMaps") Map<String, Long> counts) {
        long whole = part + rest;
        Double share = DisclosureControl.share(part, whole);
        if (isSmall(part) || isSmall(whole)) {
            require(share == null, () -> "share(" + part + ", " + whole + ") = " + share + " with a count of 1-7");
        } else if (whole > 0) {
            double expected = part == 0 ? 0.0 : round(100.0 * nearest5(part) / nearest5(whole), 1);
            require(Objects.equals(share, expected), () -> "share(" + part + ", " + whole + ") = " + share
                    + ", not " + expected + " from the published counts " + nearest5(part) + "/" + nearest5(whole));
        }
        Map<String, Long> shown = DisclosureControl.breakdown(counts);
        require(shown.keySet().equals(counts.keySet()), () -> "keys changed: " + counts + " -> " + shown);
        int hidden = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            Long s = shown.get(e.getKey());
            if (s == null) {
                hidden++;
            } else {
                require(s == nearest5(e.getValue()), () -> e + " shown as " + s + " in " + counts + " -> " + shown);
            }
            require(!isSmall(e.getValue()) || s == null, () -> e + " shown in " + counts + " -> " + shown);
        }
        boolean someSmall = counts.values().stream().anyMatch(PublishedFiguresPropertiesTest::isSmall);
        long positive = counts.values().stream().filter(c -> c > 0).count();
        int hiddenCount = hidden;
        require(!someSmall || positive < 2 || hiddenCount >= 2,
                () -> "a lone hidden count can be had from the total: " + counts + " -> " + shown);
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.longs().between(1, 12)),
                Tuple.of(3, Arbitraries.longs().between(13, 100_000)));
    }

    @Provide
    Arbitrary<Map<String, Long>> countMaps() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e", "f"), counts()).ofMaxSize(6);
    }

    // ================================================================ the oracle: counts from the buckets

    /** A group's unrounded counts; {@code den} null where the metric has no denominator. */
    record Raw(long num, Long den) {
        long weight() {
            return den != null ? den : num;
        }
    }

    static boolean in(Bucket b, Scope s) {
        return (s.icb() == null || s.icb().equals(b.icb()))
                && (s.provider() == null || s.provider().equals(b.provider()))
                && (s.specialty() == null || s.specialty().equals(b.specialty()))
                && (s.area() == null || AREAS.areasOf(b.specialty(), b.profile().age()).contains(s.area()));
    }

    /** A profile's group key in a breakdown, from SPEC §4 and §8; null for the overall. */
    static String groupKey(String breakdown, EventProfile p) {
        Integer d = p.imdDecile();
        String e = p.ethnicity();
        Integer age = p.age();
        if (breakdown.startsWith("plus:")) {
            return p.plusGroups().contains(breakdown.substring(5)) ? "yes" : "no";
        }
        return switch (breakdown) {
            case "none" -> null;
            case "imd_quintile" -> d == null ? "unknown" : String.valueOf((d + 1) / 2);
            case "imd_decile" -> d == null ? "unknown" : String.valueOf(d);
            case "core20" -> d == null ? "unknown" : d <= 2 ? "core20" : "rest";
            case "ethnicity_group" -> e == null ? "unknown" : switch (e) {
                case "A", "B", "C" -> "white";
                case "D", "E", "F", "G" -> "mixed";
                case "H", "J", "K", "L" -> "asian";
                case "M", "N", "P" -> "black";
                case "R", "S" -> "other";
                default -> "unknown";
            };
            case "ethnicity" -> e == null ? "unknown" : e;
            case "age_band" -> age == null ? "unknown" : age < 18 ? "0-17" : age < 40 ? "18-39" : age < 65 ? "40-64"
                    : age < 80 ? "65-79" : "80+";
            case "sex" -> p.sex() == null ? "unknown" : switch (p.sex()) {
                case "1" -> "male";
                case "2" -> "female";
                case "9" -> "other";
                default -> "unknown";
            };
            default -> throw new IllegalArgumentException(breakdown);
        };
    }

    /** The unrounded counts of a group (null: the overall) of a metric, period and scope. */
    static Raw raw(World w, Metric m, String period, Scope scope, String breakdown, String group) {
        long num = 0;
        long den = 0;
        String base = ViewBuilder.baselinePeriod(period);
        boolean baseline = m == Metric.OPFU_CHANGE && !(w.liveMonth() && period.equals(PERIOD));
        for (Bucket b : w.buckets()) {
            if (!in(b, scope) || (group != null && !group.equals(groupKey(breakdown, b.profile())))) {
                continue;
            }
            boolean now = b.period().equals(period);
            switch (m.source) {
                case EVENTS -> {
                    for (Batch e : b.events()) {
                        OutpatientEvent event = e.kind().event(b);
                        if (now) {
                            num += e.times() * m.numerator(event);
                            den += m == Metric.OPFU_CHANGE ? 0 : e.times() * m.denominator(event);
                        }
                        if (baseline && b.period().equals(base)) {
                            den += e.times() * Metric.FU_RATIO.numerator(event);
                        }
                    }
                }
                case WAITS, COMPLETED -> {
                    if (!now) {
                        continue;
                    }
                    for (Waits x : m.source == Metric.Source.WAITS ? b.open() : b.completed()) {
                        den += x.count();
                        boolean counted = switch (m) {
                            case WITHIN_18W -> x.days() <= 126;
                            case OVER_52W -> x.days() > 364;
                            case OVER_65W -> x.days() > 455;
                            case OVER_78W -> x.days() > 546;
                            case OVER_104W -> x.days() > 728;
                            default -> true;
                        };
                        num += counted ? x.count() : 0;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        boolean noDenominator = m.kind == Metric.Kind.COUNT || m.kind == Metric.Kind.MEDIAN;
        return new Raw(num, noDenominator ? null : den);
    }

    // ================================================================ the checks, on the published JSON

    /** Checks of one or more published documents of one world; {@link #report} labels what was covered. */
    static final class Check {
        private final World world;
        private final TestCells cells;
        private final Map<String, JsonNode> publishedViews = new HashMap<>();
        private boolean anySmall;
        private boolean secondary;
        private boolean unknownShare;
        private boolean siiShown;
        private boolean comparison;
        private int views;

        Check(World world, TestCells cells) {
            this.world = world;
            this.cells = cells;
        }

        void report() {
            Statistics.label("views checked").collect(views == 0 ? "0" : views < 10 ? "1-9" : views < 100 ? "10-99"
                    : "100+");
            Statistics.label("a count of 1-7 hidden").collect(anySmall);
            Statistics.label("secondary suppression").collect(secondary);
            Statistics.label("unknown_share shown").collect(unknownShare);
            Statistics.label("SII shown").collect(siiShown);
            Statistics.label("comparison with a reference group shown").collect(comparison);
        }

        /** Every scope and period with data has a view of every metric (the waits come from a live snapshot when open). */
        void noView(Metric metric, String period, Scope scope) {
            require(!world.hasCell(period, scope), () -> "no view of " + metric.id + " in " + scope.id() + " " + period
                    + " though the world has data there");
        }

        /** Every check that applies, wherever it applies in the document. */
        void document(String json, String where) {
            JsonNode root;
            try {
                root = ViewJson.mapper().readTree(json);
            } catch (Exception e) {
                throw new AssertionError(where + ": not JSON", e);
            }
            List<String> hiddenFigures = new ArrayList<>();
            countFields(root, null, where);
            walk(root, where, hiddenFigures);
            // No text anywhere (notes, narrative, findings, flags) repeats a hidden figure at full precision.
            List<String> texts = new ArrayList<>();
            texts(root, texts);
            for (String figure : hiddenFigures) {
                for (String text : texts) {
                    require(!text.contains(figure), () -> where + ": the text \"" + text + "\" gives the hidden figure "
                            + figure + " away");
                }
            }
        }

        private void walk(JsonNode node, String where, List<String> hiddenFigures) {
            if (node.isArray()) {
                for (JsonNode c : node) {
                    walk(c, where, hiddenFigures);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            if (isView(node)) {
                view(node, where, hiddenFigures);
            } else if (node.has("views") && node.has("baseline") && node.has("gap")) {
                series(node, where);
            } else if (node.has("tiles") && node.has("core20plus5")) {
                overview(node, where);
            } else if (node.has("sections") && node.has("overview")) {
                boardPaper(node, where);
            }
            if (node.has("reference_value")) {
                versus(node, where);
            }
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                walk(children.next(), where, hiddenFigures);
            }
        }

        private static boolean isView(JsonNode n) {
            return n.has("metric") && n.has("breakdown") && n.has("groups") && n.has("overall") && n.has("scope");
        }

        // ------------------------------------------------------------ counts, generically

        /** Every count field in the tree: null, 0 or a multiple of 5 of at least 10; count-scale fields multiples of 5. */
        private void countFields(JsonNode node, Metric context, String where) {
            if (node.isArray()) {
                for (JsonNode c : node) {
                    countFields(c, context, where);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            Metric here = context;
            JsonNode metric = node.get("metric");
            if (metric != null && metric.isTextual()) {
                here = metricOf(metric.asText());
            }
            boolean countMetric = here != null && here.kind == Metric.Kind.COUNT;
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                JsonNode v = f.getValue();
                if (name.equals("numerator") || name.equals("denominator")
                        || countMetric && (name.equals("value") || name.equals("reference_value"))) {
                    count(v, where + ": " + name);
                } else if (name.equals("patients") && v.isNumber()) {
                    // A gap in patients is an estimate either way round: its size is published like a count.
                    count(ViewJson.mapper().getNodeFactory().numberNode(Math.abs(v.asDouble())), where + ": " + name);
                } else if ((name.equals("patients_lower") || name.equals("patients_upper")) && !v.isNull()) {
                    require(v.isNumber() && v.asDouble() % 5 == 0, () -> where + ": " + name + " " + v
                            + " is not a multiple of 5");
                } else if (countMetric && (name.equals("lower") || name.equals("upper") || name.equals("difference"))) {
                    if (!v.isNull()) {
                        require(v.isNumber() && v.asDouble() % 5 == 0, () -> where + ": " + name + " " + v
                                + " of a count is not a multiple of 5");
                    }
                }
                countFields(v, here, where);
            }
        }

        private static void count(JsonNode v, String what) {
            if (v.isNull()) {
                return;
            }
            require(v.isNumber(), () -> what + " is " + v);
            double c = v.asDouble();
            require(c == Math.rint(c) && c >= 0, () -> what + " " + v + " is not a whole count");
            require(!(c >= 1 && c <= 7), () -> what + " " + v + " is 1-7");
            require(c % 5 == 0, () -> what + " " + v + " is not a multiple of 5");
        }

        private static Metric metricOf(String id) {
            for (Metric m : Metric.values()) {
                if (m.id.equals(id) || m.name().equals(id)) {
                    return m;
                }
            }
            throw new AssertionError("unknown metric " + id);
        }

        // ------------------------------------------------------------ a view

        private void view(JsonNode v, String where, List<String> hiddenFigures) {
            views++;
            Metric m = metricOf(v.get("metric").asText());
            String period = v.get("period").asText();
            Scope scope = scopeOf(v.get("scope"));
            Breakdown b = LAYOUT.byId(v.get("breakdown").asText());
            String at = where + " [" + m.id + " by " + b.id + " in " + scope.id() + " " + period + "]";
            publishedViews.put(m.id + "|" + b.id + "|" + scope.id() + "|" + period, v);

            JsonNode overall = v.get("overall");
            Raw rawOverall = raw(world, m, period, scope, b.id, null);
            group(overall, rawOverall, m, at + " overall");

            JsonNode groups = v.get("groups");
            require(groups.size() == b.groups.size(), () -> at + ": " + groups.size() + " groups, not " + b.groups.size());
            List<Raw> raws = new ArrayList<>();
            Map<String, JsonNode> byKey = new HashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                JsonNode g = groups.get(i);
                String key = b.groups.get(i);
                require(key.equals(g.get("group").asText()), () -> at + ": group " + g.get("group") + " where " + key
                        + " belongs");
                Raw r = raw(world, m, period, scope, b.id, key);
                raws.add(r);
                byKey.put(key, g);
                group(g, r, m, at + " group " + key + " (raw " + r + ")");
                boolean small = isSmall(r.num()) || r.den() != null && isSmall(r.den());
                anySmall |= small;
                secondary |= !small && g.get("suppressed").asBoolean();
            }
            secondarySuppression(overall, groups, "numerator", at, raws);
            if (rawOverall.den() != null) {
                secondarySuppression(overall, groups, "denominator", at, raws);
            }
            inequality(v, groups, at);
            references(groups, byKey, at);
            unknownShare(v, byKey, rawOverall, m, period, scope, b, at);
            notes(v, groups, at);
            collectHidden(v, m, b, period, scope, hiddenFigures);
        }

        /** One group (or the overall) against its unrounded counts. */
        private void group(JsonNode g, Raw raw, Metric m, String at) {
            Long num = longOrNull(g.get("numerator"));
            Long den = longOrNull(g.get("denominator"));
            boolean suppressed = g.get("suppressed").asBoolean();
            published(num, raw.num(), at + " numerator");
            if (raw.den() == null) {
                require(den == null, () -> at + ": a denominator " + den + " where the metric has none");
            } else {
                published(den, raw.den(), at + " denominator");
            }
            boolean small = isSmall(raw.num()) || raw.den() != null && isSmall(raw.den());
            boolean hiddenCount = num == null || raw.den() != null && den == null;
            require(!small || suppressed, () -> at + ": a count of 1-7 and not marked suppressed: " + g);
            require(!hiddenCount || suppressed, () -> at + ": a hidden count and not marked suppressed: " + g);
            if (suppressed) {
                for (String f : List.of("value", "lower", "upper", "vs_overall")) {
                    require(g.get(f).isNull(), () -> at + ": " + f + " shown for a suppressed group: " + g);
                }
                require(g.path("vs_reference").isMissingNode() || g.get("vs_reference").isNull(),
                        () -> at + ": vs_reference shown for a suppressed group: " + g);
            }
            if (m.kind == Metric.Kind.MEDIAN && raw.num() < DisclosureControl.SMALLEST_SHOWN) {
                require(g.get("value").isNull(), () -> at + ": a median of " + raw.num() + " pathways shown: " + g);
            }
            if (m.kind == Metric.Kind.COUNT && !g.get("value").isNull()) {
                require(g.get("value").asDouble() == nearest5(raw.num()), () -> at + ": count value " + g.get("value")
                        + " is not " + raw.num() + " rounded");
            }
            if (m.kind != Metric.Kind.COUNT) {
                int places = m.kind == Metric.Kind.RATIO ? 2 : 1;
                for (String f : List.of("value", "lower", "upper")) {
                    precision(g.get(f), places, at + " " + f);
                }
            }
            JsonNode vs = g.path("vs_reference");
            if (vs.isObject()) {
                for (String f : List.of("difference", "difference_lower", "difference_upper", "ratio", "ratio_lower",
                        "ratio_upper")) {
                    precision(vs.get(f), 2, at + " vs_reference." + f);
                }
            }
        }

        /** A published count is the unrounded one rounded to 5, hidden when 1-7, and equal to it only when it is a multiple of 5. */
        private static void published(Long shown, long raw, String at) {
            if (isSmall(raw)) {
                require(shown == null, () -> at + ": the count " + raw + " shown as " + shown);
            }
            if (shown != null) {
                require(shown == nearest5(raw), () -> at + ": shown " + shown + " for the count " + raw);
                require(shown != raw || raw % 5 == 0, () -> at + ": the unrounded count " + raw + " published");
            }
        }

        /**
         * With the overall's count shown, no single group's count of a column may be the only one hidden: the
         * total minus the others would give it back.
         */
        private static void secondarySuppression(JsonNode overall, JsonNode groups, String column, String at,
                                                 List<Raw> raws) {
            if (overall.get(column).isNull()) {
                return;
            }
            List<Integer> hidden = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).get(column).isNull()) {
                    hidden.add(i);
                }
            }
            require(hidden.size() != 1, () -> at + ": the " + column + " of group "
                    + groups.get(hidden.get(0)).get("group") + " (raw " + raws.get(hidden.get(0))
                    + ") is the only one hidden, while the overall " + column + " " + overall.get(column)
                    + " and every other group's are shown: " + groups);
        }

        private void inequality(JsonNode v, JsonNode groups, String at) {
            JsonNode in = v.get("inequality");
            if (in == null || in.isNull()) {
                return;
            }
            int quantiles = groups.size() - 1;
            require("unknown".equals(groups.get(quantiles).get("group").asText()), () -> at + ": no unknown group last");
            boolean endHidden = groups.get(0).get("suppressed").asBoolean()
                    || groups.get(quantiles - 1).get("suppressed").asBoolean();
            boolean anyHidden = false;
            for (int i = 0; i < quantiles; i++) {
                anyHidden |= groups.get(i).get("suppressed").asBoolean();
            }
            if (endHidden) {
                for (String f : List.of("gap", "gap_lower", "gap_upper", "ratio", "ratio_lower", "ratio_upper")) {
                    require(in.get(f).isNull(), () -> at + ": " + f + " shown with an end quantile suppressed: " + v);
                }
            }
            if (anyHidden) {
                for (String f : List.of("sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper")) {
                    require(in.get(f).isNull(), () -> at + ": " + f + " shown with a quantile suppressed: " + v);
                }
                require(in.path("fit").isMissingNode() || in.get("fit").isNull(),
                        () -> at + ": the SII curve shown with a quantile suppressed");
            }
            siiShown |= !in.get("sii").isNull();
            Iterator<Map.Entry<String, JsonNode>> fields = in.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber()) {
                    precision(f.getValue(), 2, at + " inequality." + f.getKey());
                } else if (f.getValue().isArray()) {
                    for (JsonNode p : f.getValue()) {
                        precision(p, 2, at + " inequality." + f.getKey());
                    }
                }
            }
        }

        /** A comparison with a reference group is shown only when neither group is suppressed. */
        private void references(JsonNode groups, Map<String, JsonNode> byKey, String at) {
            for (JsonNode g : groups) {
                JsonNode vs = g.path("vs_reference");
                if (!vs.isObject()) {
                    continue;
                }
                comparison = true;
                JsonNode ref = byKey.get(vs.get("reference").asText());
                require(ref != null && !ref.get("suppressed").asBoolean(), () -> at + ": " + g.get("group")
                        + " compared with a suppressed or missing reference " + vs.get("reference"));
                require(!g.get("suppressed").asBoolean(), () -> at + ": a suppressed group compared: " + g);
            }
        }

        /**
         * DisclosureControl.share's rule: a percentage from the counts as published (rounded to 5), null when
         * either count is 1–7; and in a view, shown only with the "unknown" group.
         */
        private void unknownShare(JsonNode v, Map<String, JsonNode> byKey, Raw rawOverall, Metric m, String period,
                                  Scope scope, Breakdown b, String at) {
            JsonNode share = v.path("unknown_share");
            if (!share.isNumber()) {
                return;
            }
            unknownShare = true;
            JsonNode u = byKey.get("unknown");
            require(u != null && !u.get("suppressed").asBoolean(), () -> at + ": unknown_share " + share
                    + " with the unknown group suppressed or absent");
            Raw rawUnknown = raw(world, m, period, scope, b.id, "unknown");
            long part = rawUnknown.weight();
            long whole = rawOverall.weight();
            require(!isSmall(part) && !isSmall(whole), () -> at + ": unknown_share " + share + " from the counts "
                    + part + " of " + whole);
            double expected = part == 0 ? 0.0 : round(100.0 * nearest5(part) / nearest5(whole), 1);
            require(share.asDouble() == expected, () -> at + ": unknown_share " + share + " is not " + expected
                    + ", the share of the published counts " + nearest5(part) + " of " + nearest5(whole));
            JsonNode ow = v.get("overall");
            long shownPart = weightOf(u);
            long shownWhole = weightOf(ow);
            require(share.asDouble() == (shownPart == 0 ? 0.0 : round(100.0 * shownPart / shownWhole, 1)),
                    () -> at + ": unknown_share " + share + " does not follow from the published " + shownPart + " of "
                            + shownWhole);
        }

        private static long weightOf(JsonNode g) {
            JsonNode w = g.get("denominator").isNull() ? g.get("numerator") : g.get("denominator");
            if (w.isNull()) {
                throw new AssertionError("a share of a hidden count: " + g);
            }
            return w.asLong();
        }

        private static final Pattern QUANTILE = Pattern.compile("quantile (\\d+)");

        /** A note may name a quantile only when that quantile is shown. */
        private static void notes(JsonNode v, JsonNode groups, String at) {
            JsonNode notes = v.path("notes");
            for (JsonNode n : notes) {
                Matcher q = QUANTILE.matcher(n.asText());
                while (q.find()) {
                    int i = Integer.parseInt(q.group(1)) - 1;
                    require(i < groups.size() && !groups.get(i).get("suppressed").asBoolean(),
                            () -> at + ": the note \"" + n.asText() + "\" is about a suppressed quantile");
                }
            }
        }

        /** The unrounded figures of suppressed groups, as full-precision text that must appear nowhere. */
        private void collectHidden(JsonNode v, Metric m, Breakdown b, String period, Scope scope, List<String> out) {
            View raw = ViewBuilder.build(m, b, period, scope, cells);
            if (raw == null) {
                throw new AssertionError("a published view without an unpublished one: " + v);
            }
            for (int i = 0; i < raw.groups().size(); i++) {
                if (v.get("groups").get(i).get("suppressed").asBoolean()) {
                    GroupValue g = raw.groups().get(i);
                    for (Double d : new Double[] {g.value(), g.lower(), g.upper()}) {
                        String s = d == null ? "" : d.toString();
                        int dot = s.indexOf('.');
                        if (dot >= 0 && s.length() - dot > 4) {
                            out.add(s);
                        }
                    }
                }
            }
        }

        // ------------------------------------------------------------ series

        private void series(JsonNode s, String where) {
            Metric m = metricOf(s.get("metric").asText());
            JsonNode views = s.get("views");
            JsonNode baseline = s.get("baseline");
            Scope scope = scopeOf(s.get("scope"));
            require(baseline.size() == views.size(), () -> where + ": a baseline per view");
            for (int i = 0; i < views.size(); i++) {
                JsonNode view = views.get(i);
                JsonNode base = baseline.get(i);
                String period = view.get("period").asText();
                if (!base.isNull()) {
                    Raw r = raw(world, m, ViewBuilder.baselinePeriod(period), scope, "none", null);
                    require(!isSmall(r.num()) && !isSmall(r.weight()), () -> where + ": the 2019/20 value " + base
                            + " from the counts " + r);
                    precision(base, m.kind == Metric.Kind.RATIO ? 2 : 1, where + " baseline");
                }
                JsonNode point = s.get("overall").get("points").get(i);
                require(Objects.equals(point.get("value"), view.get("overall").get("value")), () -> where
                        + ": the SPC point " + point.get("value") + " is not the published value "
                        + view.get("overall").get("value"));
                if (s.get("gap").isObject()) {
                    JsonNode gapPoint = s.get("gap").get("points").get(i);
                    JsonNode in = view.get("inequality");
                    JsonNode gap = in == null || in.isNull() ? null : in.get("gap");
                    require(gap == null ? gapPoint.get("value").isNull() : Objects.equals(gapPoint.get("value"), gap),
                            () -> where + ": the gap SPC point " + gapPoint.get("value") + " is not the published gap "
                                    + gap);
                }
            }
        }

        // ------------------------------------------------------------ EHIA monitoring

        /** Pooled groups against the pooled unrounded counts; a gap only between two shown groups. */
        void monitoring(String json, Scope scope, List<String> before, List<String> after, String where) {
            JsonNode root;
            try {
                root = ViewJson.mapper().readTree(json);
            } catch (Exception e) {
                throw new AssertionError(where + ": not JSON", e);
            }
            for (JsonNode report : root.get("metrics")) {
                Metric m = metricOf(report.get("metric").asText());
                Map<String, JsonNode> byKey = new HashMap<>();
                for (JsonNode g : report.get("groups")) {
                    String b = g.get("breakdown").asText();
                    String key = g.get("group").asText();
                    byKey.put(b + "|" + key, g);
                    String at = where + " " + m.id + " by " + b + " group " + key;
                    Raw rb = pooled(m, before, scope, b, key);
                    Raw ra = pooled(m, after, scope, b, key);
                    group(g.get("before"), rb, m, at + " before (raw " + rb + ")");
                    group(g.get("after"), ra, m, at + " after (raw " + ra + ")");
                    anySmall |= g.get("before").get("suppressed").asBoolean() || g.get("after").get("suppressed").asBoolean();
                }
                for (JsonNode gap : report.get("gaps")) {
                    comparison = true;
                    String b = gap.get("breakdown").asText();
                    for (String key : List.of(gap.get("group").asText(), gap.get("reference").asText())) {
                        JsonNode g = byKey.get(b + "|" + key);
                        require(g != null && !g.get("before").get("suppressed").asBoolean()
                                && !g.get("after").get("suppressed").asBoolean(), () -> where + " " + m.id
                                + ": a gap published with group " + b + ":" + key + " suppressed: " + gap);
                    }
                    for (String f : List.of("before", "after", "change", "change_lower", "change_upper")) {
                        precision(gap.get(f), 1, where + " gap " + f);
                    }
                }
            }
        }

        private Raw pooled(Metric m, List<String> months, Scope scope, String breakdown, String group) {
            long num = 0;
            Long den = null;
            for (String month : months) {
                Raw r = raw(world, m, month, scope, breakdown, group);
                num += r.num();
                den = r.den() == null ? null : (den == null ? 0 : den) + r.den();
            }
            return new Raw(num, den);
        }

        // ------------------------------------------------------------ overview and board paper

        /** Tiles and the Core20PLUS5 panel against the published views they are read from. */
        private void overview(JsonNode o, String where) {
            String period = o.get("period").asText();
            Scope scope = scopeOf(o.get("scope"));
            for (JsonNode tile : o.get("tiles")) {
                Metric m = metricOf(tile.get("metric").asText());
                String at = where + " tile " + m.id;
                JsonNode core20 = publishedView(m, Breakdown.CORE20, period, scope, where);
                JsonNode ethnicity = publishedView(m, Breakdown.ETHNICITY_GROUP, period, scope, where);
                JsonNode imd = publishedView(m, Breakdown.IMD_QUINTILE, period, scope, where);
                if (!tile.get("overall").isNull()) {
                    group(tile.get("overall"), raw(world, m, period, scope, "none", null), m, at + " overall");
                }
                sameAs(tile.path("core20"), "value", core20, "core20", at);
                sameAs(tile.path("core20"), "reference_value", core20, "rest", at);
                JsonNode eth = tile.path("ethnicity");
                if (eth.isObject()) {
                    sameAs(eth, "value", ethnicity, eth.get("group").asText(), at);
                    sameAs(eth, "reference_value", ethnicity, "white", at);
                }
                share(tile.get("ethnicity_unknown_share"), ethnicity, at + " ethnicity_unknown_share");
                share(tile.get("imd_unknown_share"), imd, at + " imd_unknown_share");
            }
            for (JsonNode row : o.get("core20plus5")) {
                String kind = row.get("kind").asText();
                for (JsonNode cell : row.get("cells")) {
                    Metric m = metricOf(cell.get("metric").asText());
                    String at = where + " panel " + row.get("id").asText() + " " + m.id;
                    if (cell.get("suppressed").asBoolean()) {
                        for (String f : List.of("value", "lower", "upper", "judgement")) {
                            require(cell.get(f).isNull(), () -> at + ": " + f + " of a suppressed cell: " + cell);
                        }
                    }
                    JsonNode source;
                    String key;
                    switch (kind) {
                        case "core20" -> {
                            source = publishedView(m, Breakdown.CORE20, period, scope, where);
                            key = "core20";
                        }
                        case "plus" -> {
                            source = publishedView(m, LAYOUT.byId(row.get("id").asText()), period, scope, where);
                            key = "yes";
                        }
                        default -> {
                            Scope area = new Scope(scope.icb(), null, null, row.get("id").asText().substring(5));
                            source = publishedView(m, Breakdown.NONE, period, area, where);
                            key = null;
                        }
                    }
                    JsonNode g = source == null ? null : key == null ? source.get("overall") : groupOf(source, key);
                    for (String f : List.of("value", "lower", "upper", "suppressed")) {
                        JsonNode expected = g == null ? null : g.get(f);
                        JsonNode actual = cell.get(f);
                        require(expected == null ? actual.isNull() || actual.isBoolean() && !actual.asBoolean()
                                : Objects.equals(expected, actual), () -> at + ": " + f + " " + actual
                                + " is not the published " + expected);
                    }
                }
            }
        }

        /** A comparison with a reference group: nothing derived from a hidden value. */
        private static void versus(JsonNode vs, String where) {
            if (vs.get("value").isNull() || vs.get("reference_value").isNull()) {
                for (String f : List.of("difference", "lower", "upper", "judgement")) {
                    require(vs.path(f).isMissingNode() || vs.get(f).isNull(), () -> where + ": " + f
                            + " of a comparison with a hidden value: " + vs);
                }
            }
        }

        /** Narrative sentences name a suppressed group only to say it is suppressed. */
        private void boardPaper(JsonNode paper, String where) {
            for (JsonNode section : paper.get("sections")) {
                List<JsonNode> hidden = new ArrayList<>();
                for (String f : List.of("by_quintile", "by_ethnicity")) {
                    JsonNode view = section.get(f);
                    if (view != null && view.isObject()) {
                        for (JsonNode g : view.get("groups")) {
                            if (g.get("suppressed").asBoolean()) {
                                hidden.add(g);
                            }
                        }
                    }
                }
                for (JsonNode sentence : section.get("narrative")) {
                    String text = sentence.asText();
                    for (JsonNode g : hidden) {
                        String label = g.get("label").asText();
                        boolean named = text.contains(label + " (") || text.contains("(" + label + ")")
                                || text.startsWith("Compared with all patients") && text.contains(label);
                        require(!named, () -> where + " " + section.get("metric").asText() + ": the narrative \""
                                + text + "\" gives a figure for the suppressed group " + label);
                    }
                }
            }
        }

        private JsonNode publishedView(Metric m, Breakdown b, String period, Scope scope, String where) {
            String key = m.id + "|" + b.id + "|" + scope.id() + "|" + period;
            JsonNode seen = publishedViews.get(key);
            if (seen != null) {
                return seen;
            }
            View v = DisclosureControl.view(m, b, period, scope, cells);
            if (v == null) {
                return null;
            }
            document(ViewJson.write(v), where + " (its source view)");
            return publishedViews.get(key);
        }

        private static JsonNode groupOf(JsonNode view, String key) {
            for (JsonNode g : view.get("groups")) {
                if (g.get("group").asText().equals(key)) {
                    return g;
                }
            }
            return null;
        }

        private static void sameAs(JsonNode versus, String field, JsonNode view, String group, String at) {
            if (!versus.isObject()) {
                return;
            }
            JsonNode g = view == null ? null : groupOf(view, group);
            JsonNode expected = g == null ? null : g.get("value");
            JsonNode actual = versus.get(field);
            require(expected == null ? actual.isNull() : Objects.equals(expected, actual), () -> at + ": " + field + " "
                    + actual + " is not the published value " + expected + " of " + group);
        }

        private static void share(JsonNode tileShare, JsonNode view, String at) {
            JsonNode expected = view == null ? null : view.get("unknown_share");
            require(expected == null || expected.isNull() ? tileShare.isNull() : Objects.equals(expected, tileShare),
                    () -> at + " " + tileShare + " is not the published view's " + expected);
        }

        private static Scope scopeOf(JsonNode s) {
            return new Scope(text(s.get("icb")), text(s.get("provider")), text(s.get("specialty")), text(s.get("area")));
        }

        private static String text(JsonNode n) {
            return n == null || n.isNull() ? null : n.asText();
        }

        private static void texts(JsonNode node, List<String> out) {
            if (node.isTextual()) {
                out.add(node.asText());
            }
            for (JsonNode c : node) {
                texts(c, out);
            }
        }
    }

    // ================================================================ helpers

    private static void require(boolean ok, java.util.function.Supplier<String> message) {
        if (!ok) {
            throw new AssertionError(message.get());
        }
    }

    private static boolean isSmall(long count) {
        return count >= 1 && count <= 7;
    }

    private static long nearest5(long n) {
        return (n + 2) / 5 * 5;
    }

    private static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    /** A published statistic carries at most {@code places} decimals. */
    private static void precision(JsonNode n, int places, String at) {
        if (n == null || n.isNull()) {
            return;
        }
        BigDecimal d = new BigDecimal(n.asText()).stripTrailingZeros();
        require(d.scale() <= places, () -> at + " " + n + " has more than " + places + " decimals");
    }
}
