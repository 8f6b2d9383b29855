package org.core20monitor.flink;

import java.util.List;

/**
 * A pathway joining (sign +1) or leaving (sign −1) the open waiting lists of a group of scopes
 * ({@link ScopeGroups}), by its clock-start day; sign 0 only says the lists' figures changed because a
 * wait crossed a threshold.
 *
 * @param scopeIds  the scopes told, all of one group
 * @param latestDay the latest event day the sender has seen (for the as-of date at the end of input)
 */
public record LiveWaitChange(List<String> scopeIds, int[] slots, long startDay, int sign, long latestDay) {

    /** The aggregator's key: the scopes' group. */
    public String group() {
        return ScopeGroups.of(scopeIds.get(0));
    }
}
