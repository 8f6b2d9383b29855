package org.core20monitor.core.view;

import java.util.List;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.metric.WaitStats;

/**
 * Everything counted for one cell, a period and a scope: what the stream job stores and every view of
 * the cell is built from ({@link ViewBuilder}), by the server and by the batch {@code compute} command
 * alike. Counts are unrounded; disclosure control happens when a view leaves the server.
 *
 * @param plusGroups the configured PLUS groups, which fix the breakdowns' slots
 * @param events     {@link MetricCounts#cells} of the event metrics, or null for a live waits snapshot
 * @param waitsAsOf  the date (YYYY-MM-DD) of the waiting-list snapshot in {@code waits}, null when none
 * @param waits      open pathways at that date, one entry per breakdown slot, or null
 * @param completed  pathways whose clock stopped in the period, per slot, or null
 */
public record CellSnapshot(
        String period,
        Scope scope,
        boolean provisional,
        String updatedAt,
        List<String> plusGroups,
        long[] events,
        String waitsAsOf,
        List<WaitStats> waits,
        List<WaitStats> completed) {

    public MetricCounts counts() {
        MetricCounts counts = new MetricCounts();
        counts.cells = events == null ? new long[0] : events;
        return counts;
    }

    public Breakdowns breakdowns() {
        return new Breakdowns(plusGroups);
    }
}
