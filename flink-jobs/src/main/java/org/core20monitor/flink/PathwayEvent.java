package org.core20monitor.flink;

import java.util.List;
import org.core20monitor.core.event.EventType;

/**
 * A referral, clock stop or waiting-list removal, reduced to what the waits need: its pathway, day,
 * any clock start it carries, and where the patient is counted (scopes and breakdown slots).
 *
 * @param day             Europe/London epoch day of the event
 * @param clockStartDay   the clock start carried by a stop or removal, or null
 */
public record PathwayEvent(String pathwayId, EventType type, long day, Integer clockStartDay, List<String> scopeIds,
                           int[] slots) {}
