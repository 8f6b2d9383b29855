package org.core20monitor.flink;

/**
 * What a cell (a period and a scope) is told: an event's increments to the event metrics, or a
 * pathway's wait added to (sign +1) or taken from (sign −1) the month-end waiting list or the
 * pathways completed in the month. Carries group slots, never patient or pathway identifiers.
 *
 * @param slots absolute breakdown slots of the patient, one per breakdown
 */
public record CellInput(String period, String scopeId, Kind kind, int[] slots, int[] numerators, int[] denominators,
                        long waitDays, int sign) {

    public enum Kind { EVENTS, WAIT_AT_MONTH_END, COMPLETED_WAIT }

    public static CellInput events(String period, String scopeId, int[] slots, int[] numerators, int[] denominators) {
        return new CellInput(period, scopeId, Kind.EVENTS, slots, numerators, denominators, 0, 1);
    }

    public static CellInput wait(Kind kind, String period, String scopeId, int[] slots, long waitDays, int sign) {
        return new CellInput(period, scopeId, kind, slots, null, null, waitDays, sign);
    }

    public String cell() {
        return period + "|" + scopeId;
    }
}
