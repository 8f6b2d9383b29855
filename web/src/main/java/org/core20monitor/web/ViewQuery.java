package org.core20monitor.web;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.Periods;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;

/**
 * The views a request asks for: metric(s), period, scope and breakdown, validated so that a bad
 * parameter is a 400 with a message rather than an empty answer. {@code period} may be omitted when
 * the caller supplies the latest one.
 */
public record ViewQuery(List<Metric> metrics, String period, Scope scope, Breakdown breakdown) {

    /** A request parameter that cannot be served; its message is the 400 response. */
    public static final class BadParameter extends RuntimeException {
        public BadParameter(String message) {
            super(message);
        }
    }

    public static ViewQuery parse(MultiMap params, String latestPeriod) {
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
        String period = params.get("period");
        if (period == null || period.isBlank()) {
            if (latestPeriod == null) {
                throw new BadParameter("period is required (YYYY-MM): no data has arrived yet");
            }
            period = latestPeriod;
        }
        try {
            Periods.parse(period);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(e.getMessage());
        }
        for (String unsupported : List.of("provider", "specialty", "area")) {
            String value = params.get(unsupported);
            if (value != null && !value.isBlank()) {
                throw new BadParameter(unsupported + " scopes are not computed yet: use icb, or none for England");
            }
        }
        Scope scope = Scope.ENGLAND;
        String icb = params.get("icb");
        if (icb != null && !icb.isBlank()) {
            try {
                scope = Scope.icb(icb);
            } catch (IllegalArgumentException e) {
                throw new BadParameter(e.getMessage());
            }
        }
        String by = params.get("by");
        Breakdown breakdown;
        try {
            breakdown = by == null || by.isBlank() ? Breakdown.NONE : Breakdown.byId(by);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("unknown breakdown '" + by + "' (one of "
                    + java.util.Arrays.stream(Breakdown.values()).map(b -> b.id).toList() + ")");
        }
        return new ViewQuery(List.copyOf(metrics), period, scope, breakdown);
    }

    public List<String> keys() {
        return metrics.stream().map(m -> RedisKeys.view(m, period, scope, breakdown)).toList();
    }

    private static List<String> ids() {
        return java.util.Arrays.stream(Metric.values()).map(m -> m.id).toList();
    }
}
