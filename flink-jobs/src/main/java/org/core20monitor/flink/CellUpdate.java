package org.core20monitor.flink;

import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.metric.EventProfile;

/** An event routed to one aggregation cell: a period and a scope. */
public record CellUpdate(String period, String scopeId, OutpatientEvent event, EventProfile profile) {

    public String cell() {
        return period + "|" + scopeId;
    }
}
