package org.core20monitor.flink;

/**
 * A pathway joining (sign +1) or leaving (sign −1) a scope's open waiting list, by its clock-start
 * day; sign 0 only says the list's figures changed because a wait crossed a threshold.
 *
 * @param latestDay the latest event day the sender has seen (for the as-of date at the end of input)
 */
public record LiveWaitChange(String scopeId, int[] slots, long startDay, int sign, long latestDay) {}
