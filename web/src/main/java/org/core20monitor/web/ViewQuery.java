package org.core20monitor.web;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
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
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewBuilder;

/**
 * The views a request asks for: metric(s), period, scope and breakdown, validated so that a bad
 * parameter is a 400 with a message rather than an empty answer. {@code period} may be omitted when
 * the caller supplies the latest one.
 */
public record ViewQuery(List<Metric> metrics, String period, Scope scope, Breakdown breakdown) {

    private static final Pattern PROVIDER = Pattern.compile("[A-Z0-9]{3,5}");
    private static final Pattern SPECIALTY = Pattern.compile("[0-9]{3}");
    private static final Breakdowns BREAKDOWNS = Breakdowns.standard();

    /** A request parameter that cannot be served; its message is the 400 response. */
    public static final class BadParameter extends RuntimeException {
        public BadParameter(String message) {
            super(message);
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

    public static ViewQuery parse(MultiMap params, String latestPeriod, ClinicalAreas areas) {
        return new ViewQuery(metrics(params), period(params.get("period"), latestPeriod), scope(params, areas),
                breakdown(params.get("by")));
    }

    /** Like {@link #parse} without a period: a monthly series covers them all. */
    public static ViewQuery parseSeries(MultiMap params, ClinicalAreas areas) {
        if (params.get("period") != null) {
            throw new BadParameter("a series covers every month: leave out period");
        }
        return new ViewQuery(metrics(params), null, scope(params, areas), breakdown(params.get("by")));
    }

    public List<Spec> specs() {
        return metrics.stream().map(m -> new Spec(m, period, scope, breakdown)).toList();
    }

    private static List<Metric> metrics(MultiMap params) {
        String metricParam = params.get("metric");
        if (metricParam == null || metricParam.isBlank()) {
            throw new BadParameter("metric is required (one of " + ids() + ")");
        }
        List<Metric> metrics = new ArrayList<>();
        for (String id : metricParam.split(",")) {
            try {
                metrics.add(Metric.byId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("unknown metric '" + id + "' (one of " + ids() + ")");
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
        try {
            Periods.parse(period);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
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
            throw new BadParameter("unknown area '" + area + "' (one of " + areas.ids() + ")");
        }
        int filters = (provider == null ? 0 : 1) + (specialty == null ? 0 : 1) + (area == null ? 0 : 1);
        if (filters > 1) {
            throw new BadParameter("choose at most one of provider, specialty and area (with or without icb)");
        }
        return new Scope(icb, provider, specialty, area);
    }

    private static void check(String value, Pattern pattern, String message) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new BadParameter(message + ", was '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Breakdown breakdown(String by) {
        try {
            return by == null || by.isBlank() ? Breakdown.NONE : BREAKDOWNS.byId(by);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("unknown breakdown '" + by + "' (one of "
                    + BREAKDOWNS.list().stream().map(b -> b.id).toList() + ")");
        }
    }

    private static List<String> ids() {
        return java.util.Arrays.stream(Metric.values()).map(m -> m.id).toList();
    }
}
