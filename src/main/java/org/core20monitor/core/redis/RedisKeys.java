package org.core20monitor.core.redis;

import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.view.Scope;

/**
 * The Redis key layout, owned here and only here. Everything is under the prefix {@code core20:}.
 *
 * <pre>
 * core20:view:{metric}:{period}:{scope}:{breakdown}   string  a view's JSON (unrounded counts)
 *                                                      scope = icb.provider.specialty.area, * when
 *                                                      unrestricted: England is *.*.*.*, ICB QWE is QWE.*.*.*
 * core20:periods                                       set     periods (YYYY-MM) that have views
 * core20:scopes                                        set     scope ids that have views
 * core20:quality                                       hash    data-quality counters: accepted, duplicate,
 *                                                              rejected:{field}:{rule}, imd_unknown, lsoa_unmapped,
 *                                                              ethnicity_unknown, last_event_time
 * core20:deadletter                                    hash    {source}#{position} → dead-letter JSON
 *                                                              (reason and the rejected line with patient and
 *                                                              pathway ids removed; never served)
 * core20:updates                                       channel each write batch publishes a JSON array of
 *                                                              the view keys (and core20:quality) it changed
 * </pre>
 *
 * Every write is an idempotent SET, HSET or SADD of a value computed from stream state, so replaying
 * after a restart rewrites the same values.
 */
public final class RedisKeys {

    public static final String PREFIX = "core20:";
    public static final String PERIODS = PREFIX + "periods";
    public static final String SCOPES = PREFIX + "scopes";
    public static final String QUALITY = PREFIX + "quality";
    public static final String DEAD_LETTER = PREFIX + "deadletter";
    public static final String UPDATES_CHANNEL = PREFIX + "updates";
    private static final String VIEW = PREFIX + "view:";

    private RedisKeys() {}

    public static String view(Metric metric, String period, Scope scope, Breakdown breakdown) {
        return VIEW + metric.id + ":" + period + ":" + scope.id() + ":" + breakdown.id;
    }

    public static boolean isView(String key) {
        return key.startsWith(VIEW);
    }
}
