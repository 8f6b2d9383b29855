package org.core20monitor.web;

import io.vertx.core.MultiMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.core20monitor.core.event.EventParser;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.reference.ClinicalAreas;
import org.core20monitor.core.text.Excerpt;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewBuilder;

/**
 * The views a request asks for: metric(s), period, scope and breakdown, validated so that a bad
 * parameter is a 400 with a message rather than an empty answer. {@code period} may be omitted when
 * the caller supplies the latest one. {@code metric} and {@code by} may list several, comma-separated,
 * where the endpoint serves several views at once (the live stream).
 */
public record ViewQuery(List<Metric> metrics, String period, Scope scope, List<Breakdown> breakdowns) {

    private static final Pattern PROVIDER = Pattern.compile("[A-Z0-9]{3,5}");
    private static final Pattern SPECIALTY = Pattern.compile("[0-9]{3}");
    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();
    /** The earliest year a period may name: trajectories reach a year back, and nothing is held before 2019. */
    private static final int FIRST_YEAR = 1900;

    /** A request parameter that cannot be served; its message is the 400 response. */
    public static final class BadParameter extends RuntimeException {
        private final List<String> problems;

        public BadParameter(String message) {
            this(message, List.of());
        }

        /** A request with several things wrong, each listed for the reader. */
        public BadParameter(String message, List<String> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** One view of the query. */
    public record Spec(Metric metric, String period, Scope scope, Breakdown breakdown) {

        /** The Redis keys the view is built from: a change to any of them changes the view. */
        public Set<String> sources() {
            Set<String> keys = new LinkedHashSet<>();
            keys.add(RedisKeys.cell(period, scope));
            if (metric == Metric.OPFU_CHANGE) {
                keys.add(RedisKeys.cell(ViewBuilder.baselinePeriod(period), scope));
            }
            if (metric.source == Metric.Source.WAITS) {
                keys.add(RedisKeys.live(scope));
            }
            return keys;
        }
    }

    /**
     * The most views one request may ask for (metrics × breakdowns, repeats removed): the overview's live
     * stream needs 32. Each view is rebuilt on every change to its cells, so an unbounded list would let
     * one request tie up the server.
     */
    public static final int MAX_VIEWS = 64;

    public static ViewQuery parse(MultiMap params, String latestPeriod, ClinicalAreas areas) {
        ViewQuery query = new ViewQuery(metrics(params), period(params.get("period"), latestPeriod), scope(params, areas),
                breakdowns(params.get("by")));
        int views = query.metrics().size() * query.breakdowns().size();
        if (views > MAX_VIEWS) {
            throw new BadParameter("at most " + MAX_VIEWS + " views (metrics × breakdowns) in one request; this asks for "
                    + views);
        }
        return query;
    }

    /** Like {@link #parse} without a period: a monthly series covers them all. */
    public static ViewQuery parseSeries(MultiMap params, ClinicalAreas areas) {
        if (params.get("period") != null) {
            throw new BadParameter("a series covers every month: leave out period");
        }
        return new ViewQuery(metrics(params), null, scope(params, areas), breakdowns(params.get("by")));
    }

    /** Every metric of one scope and period, as the overview page shows them. */
    public static ViewQuery parseOverview(MultiMap params, String latestPeriod, ClinicalAreas areas) {
        return new ViewQuery(List.of(Metric.values()), period(params.get("period"), latestPeriod),
                scope(params, areas), List.of(Breakdown.NONE));
    }

    /**
     * One metric with a national target, for its trajectories: the months up to {@code period}, by
     * {@code by} (Core20 when not given).
     */
    public static Spec parseTrajectories(MultiMap params, String latestPeriod, ClinicalAreas areas) {
        Spec spec = withDefaultBreakdown(parse(params, latestPeriod, areas), params, Breakdown.CORE20);
        if (spec.metric().target == null) {
            throw new BadParameter("metric '" + spec.metric().id + "' has no national target to project towards (these "
                    + "have: " + java.util.Arrays.stream(Metric.values()).filter(m -> m.target != null)
                    .map(m -> m.id).toList() + ")");
        }
        return spec;
    }

    /**
     * One metric of a whole ICB, for its benchmarks against England and its peers, by a breakdown
     * with one gap ({@code imd_quintile} when not given, {@code imd_decile} or {@code core20}).
     */
    public static Spec parseBenchmarks(MultiMap params, String latestPeriod, ClinicalAreas areas) {
        Spec spec = withDefaultBreakdown(parse(params, latestPeriod, areas), params, Breakdown.IMD_QUINTILE);
        if (!spec.scope().wholeIcb()) {
            throw new BadParameter("benchmarks compare a whole ICB: give icb, and no provider, specialty or area");
        }
        if (!org.core20monitor.core.view.Benchmarks.supports(spec.breakdown())) {
            throw new BadParameter("benchmarks compare one gap: by must be imd_quintile, imd_decile or core20, was '"
                    + spec.breakdown().id + "'");
        }
        if (!org.core20monitor.core.view.Benchmarks.supports(spec.metric())) {
            throw new BadParameter("metric '" + spec.metric().id + "' has no interval for its gap to compare by "
                    + "(benchmarks cover percentages, rates and ratios)");
        }
        return spec;
    }

    private static Spec withDefaultBreakdown(ViewQuery query, MultiMap params, Breakdown fallback) {
        Spec spec = query.single();
        String by = params.get("by");
        return by == null || by.isBlank() ? new Spec(spec.metric(), spec.period(), spec.scope(), fallback) : spec;
    }

    /** Months a monthly chart shows when no range is asked for: two years, so SPC has enough points. */
    public static final int DEFAULT_TREND_MONTHS = 24;

    /**
     * The months with data from {@code from} to {@code to} (YYYY-MM, both optional): by default up to
     * the latest month with data and back {@link #DEFAULT_TREND_MONTHS} months from there.
     */
    public static List<String> range(String from, String to, List<String> periods) {
        String last = to == null || to.isBlank() ? (periods.isEmpty() ? null : periods.get(periods.size() - 1))
                : period(to, null);
        if (last == null) {
            return List.of();
        }
        String first = from == null || from.isBlank()
                ? java.time.YearMonth.parse(last).minusMonths(DEFAULT_TREND_MONTHS - 1).toString() : period(from, null);
        if (first.compareTo(last) > 0) {
            throw new BadParameter("from (" + first + ") is after to (" + last + ")");
        }
        return periods.stream().filter(p -> p.compareTo(first) >= 0 && p.compareTo(last) <= 0).toList();
    }

    public List<Spec> specs() {
        return metrics.stream().flatMap(m -> breakdowns.stream().map(b -> new Spec(m, period, scope, b))).toList();
    }

    /** The one view asked for, where an endpoint serves one at a time. */
    public Spec single() {
        if (metrics.size() != 1) {
            throw new BadParameter("ask for one metric at a time");
        }
        if (breakdowns.size() != 1) {
            throw new BadParameter("ask for one breakdown at a time");
        }
        return specs().get(0);
    }

    public Breakdown breakdown() {
        return single().breakdown();
    }

    private static List<Metric> metrics(MultiMap params) {
        String metricParam = params.get("metric");
        if (metricParam == null || metricParam.isBlank()) {
            throw new BadParameter("metric is required (one of " + ids() + ")");
        }
        Set<Metric> metrics = new LinkedHashSet<>();
        for (String id : metricParam.split(",")) {
            try {
                metrics.add(Metric.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("unknown metric '" + shown(id) + "' (one of " + ids() + ")");
            }
        }
        return List.copyOf(metrics);
    }

    private static String period(String period, String latestPeriod) {
        if (period == null || period.isBlank()) {
            if (latestPeriod == null) {
                throw new BadParameter("period is required (YYYY-MM): no data has arrived yet");
            }
            return latestPeriod;
        }
        int year;
        try {
            year = Periods.parse(period).getYear();
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
        if (year < FIRST_YEAR) {
            throw new BadParameter("period must be a month from " + FIRST_YEAR + " on, was '" + shown(period) + "'");
        }
        return period;
    }

    private static Scope scope(MultiMap params, ClinicalAreas areas) {
        String icb = blankToNull(params.get("icb"));
        String provider = blankToNull(params.get("provider"));
        String specialty = blankToNull(params.get("specialty"));
        String area = blankToNull(params.get("area"));
        check(icb, EventParser.ICB, "icb must be a 3-character ODS code");
        check(provider, PROVIDER, "provider must be an ODS code of 3 to 5 upper-case letters or digits");
        check(specialty, SPECIALTY, "specialty must be a 3-digit treatment function code");
        if (area != null && !areas.ids().contains(area)) {
            throw new BadParameter("unknown area '" + shown(area) + "' (one of " + areas.ids() + ")");
        }
        int filters = (provider == null ? 0 : 1) + (specialty == null ? 0 : 1) + (area == null ? 0 : 1);
        if (filters > 1) {
            throw new BadParameter("choose at most one of provider, specialty and area (with or without icb)");
        }
        return new Scope(icb, provider, specialty, area);
    }

    private static void check(String value, Pattern pattern, String message) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new BadParameter(message + ", was '" + shown(value) + "'");
        }
    }

    /** A parameter as quoted back in a message: cut short, so a 400 never echoes a long value. */
    private static String shown(String value) {
        return Excerpt.quoted(value, EventParser.QUOTED_LENGTH);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<Breakdown> breakdowns(String by) {
        if (by == null || by.isBlank()) {
            return List.of(Breakdown.NONE);
        }
        Set<Breakdown> list = new LinkedHashSet<>();
        for (String id : by.split(",")) {
            try {
                list.add(BREAKDOWNS.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("unknown breakdown '" + shown(id) + "' (one of "
                        + BREAKDOWNS.list().stream().map(b -> b.id).toList() + ")");
            }
        }
        return List.copyOf(list);
    }

    private static List<String> ids() {
        return java.util.Arrays.stream(Metric.values()).map(m -> m.id).toList();
    }
}
