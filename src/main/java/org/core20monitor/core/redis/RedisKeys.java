package org.core20monitor.core.redis;

import org.core20monitor.core.view.Scope;

/**
 * The Redis key layout, owned here and only here. Everything is under the prefix {@code core20:}.
 *
 * <pre>
 * core20:cell:{period}:{scope}                         string  a cell's snapshot (CellSnapshot JSON: event counts,
 *                                                              month-end and completed waits per breakdown
 *                                                              slot; unrounded). Every view of the cell is
 *                                                              built from it by ViewBuilder.
 *                                                      scope = icb.provider.specialty.area, * when
 *                                                      unrestricted: England is *.*.*.*, ICB QWE is QWE.*.*.*
 * core20:live:{scope}                                  string  the scope's waiting list at the latest event
 *                                                              day (CellSnapshot JSON with waits only)
 * core20:periods                                       set     periods (YYYY-MM) that have views
 * core20:scopes                                        set     scope ids that have views
 * core20:quality                                       hash    data-quality counters: accepted, duplicate,
 *                                                              rejected:{field}:{rule}, imd_unknown, lsoa_unmapped,
 *                                                              ethnicity_unknown, late, last_event_time
 * core20:deadletter                                    hash    {source}#{position} → dead-letter JSON
 *                                                              (reason and the rejected line with patient and
 *                                                              pathway ids removed; never served)
 * core20:deadletter:index                              zset    the same {source}#{position} ids, scored by when
 *                                                              Redis first stored them (microseconds since the
 *                                                              epoch, Redis's clock); the job trims the hash and
 *                                                              this index together to the newest
 *                                                              --dead-letter-keep entries (default 100000).
 *                                                              Newest first: ZREVRANGE index 0 N-1, then HMGET
 * core20:updates                                       channel each write batch publishes a JSON array of
 *                                                              the cell and live keys (and core20:quality) it
 *                                                              changed
 * core20:ehia:changes                                 hash    service change id → ServiceChange JSON (the EHIA
 *                                                              registry; the server's own, edited by teams)
 * core20:audit                                         list    the server's audit log, newest first: one JSON
 *                                                              object per export or registry change (who, what,
 *                                                              when, parameters), trimmed to AUDIT_KEEP entries
 * </pre>
 *
 * Every write by the stream jobs is an idempotent SET, HSET or SADD of a value computed from stream
 * state, so replaying after a restart rewrites the same values. The audit log is the server's own.
 */
public final class RedisKeys {

    public static final String PREFIX = "core20:";
    public static final String PERIODS = PREFIX + "periods";
    public static final String SCOPES = PREFIX + "scopes";
    public static final String QUALITY = PREFIX + "quality";
    public static final String DEAD_LETTER = PREFIX + "deadletter";
    public static final String DEAD_LETTER_INDEX = PREFIX + "deadletter:index";
    public static final String UPDATES_CHANNEL = PREFIX + "updates";
    public static final String AUDIT = PREFIX + "audit";
    public static final String EHIA_CHANGES = PREFIX + "ehia:changes";
    public static final int AUDIT_KEEP = 100_000;
    private static final String CELL = PREFIX + "cell:";
    private static final String LIVE = PREFIX + "live:";

    private RedisKeys() {}

    public static String cell(String period, Scope scope) {
        return CELL + period + ":" + scope.id();
    }

    public static String live(Scope scope) {
        return LIVE + scope.id();
    }

    /** The period and scope of a cell key, or null for any other key. */
    public static String[] cellOf(String key) {
        return key.startsWith(CELL) ? key.substring(CELL.length()).split(":", 2) : null;
    }

    /** The scope id of a live key, or null for any other key. */
    public static String liveScopeOf(String key) {
        return key.startsWith(LIVE) ? key.substring(LIVE.length()) : null;
    }
}
