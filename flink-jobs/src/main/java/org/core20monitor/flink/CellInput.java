package org.core20monitor.flink;

import java.util.List;

/**
 * What the cells (a period and each of a group of scopes, {@link ScopeGroups}) are told: an event's
 * increments to the event metrics, or a pathway's wait added to (sign +1) or taken from (sign −1) the
 * month-end waiting list or the pathways completed in the month. Carries group slots, never patient
 * or pathway identifiers.
 *
 * @param scopeIds the scopes told, all of one group
 * @param slots    absolute breakdown slots of the patient, one per breakdown
 */
public record CellInput(String period, List<String> scopeIds, Kind kind, int[] slots, int[] numerators,
                        int[] denominators, long waitDays, int sign) {

    public enum Kind { EVENTS, WAIT_AT_MONTH_END, COMPLETED_WAIT }

    public static CellInput events(String period, List<String> scopeIds, int[] slots, int[] numerators,
                                   int[] denominators) {
        return new CellInput(period, scopeIds, Kind.EVENTS, slots, numerators, denominators, 0, 1);
    }

    public static CellInput wait(Kind kind, String period, List<String> scopeIds, int[] slots, long waitDays, int sign) {
        return new CellInput(period, scopeIds, kind, slots, null, null, waitDays, sign);
    }

    /** The aggregator's key: the period and the scopes' group. */
    public String key() {
        return key(period, ScopeGroups.of(scopeIds.get(0)));
    }

    static String key(String period, String group) {
        return period + "|" + group;
    }
}
