package org.core20monitor.web;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import org.core20monitor.core.event.Appointment;
import org.core20monitor.core.event.AttendanceStatus;
import org.core20monitor.core.event.EventType;
import org.core20monitor.core.event.Medium;
import org.core20monitor.core.event.OutpatientEvent;
import org.core20monitor.core.event.Outcome;
import org.core20monitor.core.metric.Breakdowns;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.CellSnapshot;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewJson;

/** Writes cells to Redis as the stream job does, from attendances counted here. */
final class ViewFixtures {

    static final Breakdowns BREAKDOWNS = Breakdowns.standard();

    private ViewFixtures() {}

    /** Adds {@code attended} attendances, {@code pifu} of them with outcome PIFU, in an IMD decile. */
    static void attendances(MetricCounts counts, int decile, int attended, int pifu) {
        EventProfile profile = new EventProfile(decile, "A", "2", 50, List.of());
        for (int i = 0; i < attended; i++) {
            OutpatientEvent e = new OutpatientEvent("e" + i, EventType.ATTENDANCE, 0L, "p", null, "QWE", "RJ7", "330",
                    null, decile, "A", "2", 50, List.of(), Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED,
                    Medium.FACE_TO_FACE, i < pifu ? Outcome.PIFU : Outcome.FOLLOW_UP, null);
            counts.add(e, BREAKDOWNS.slotsOf(profile), BREAKDOWNS.slots());
        }
    }

    static MetricCounts counts() {
        return new MetricCounts(BREAKDOWNS.slots());
    }

    /** Stores a cell and announces its key, like the job's sink. */
    static void store(RedisCommands<String, String> redis, String period, Scope scope, MetricCounts counts) {
        CellSnapshot cell = new CellSnapshot(period, scope, true, Instant.now().toString(), BREAKDOWNS.plusGroups(),
                counts.cells, null, null, null);
        String key = RedisKeys.cell(period, scope);
        try {
            redis.set(key, ViewJson.mapper().writeValueAsString(cell));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        redis.sadd(RedisKeys.PERIODS, period);
        redis.sadd(RedisKeys.SCOPES, scope.id());
        redis.publish(RedisKeys.UPDATES_CHANNEL, "[\"" + key + "\"]");
    }
}
