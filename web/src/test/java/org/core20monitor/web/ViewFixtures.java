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
import org.core20monitor.core.metric.Breakdown;
import org.core20monitor.core.metric.EventProfile;
import org.core20monitor.core.metric.Metric;
import org.core20monitor.core.metric.MetricCounts;
import org.core20monitor.core.redis.RedisKeys;
import org.core20monitor.core.view.Scope;
import org.core20monitor.core.view.ViewBuilder;
import org.core20monitor.core.view.ViewJson;

/** Writes views to Redis as the stream job does, from attendances counted here. */
final class ViewFixtures {

    private ViewFixtures() {}

    /** Adds {@code attended} attendances, {@code pifu} of them with outcome PIFU, in an IMD decile. */
    static void attendances(MetricCounts counts, int decile, int attended, int pifu) {
        for (int i = 0; i < attended; i++) {
            OutpatientEvent e = new OutpatientEvent("e" + i, EventType.ATTENDANCE, 0L, "p", null, "QWE", "RJ7", "330",
                    null, decile, "A", "2", 50, List.of(), Appointment.FOLLOW_UP, AttendanceStatus.ATTENDED,
                    Medium.FACE_TO_FACE, i < pifu ? Outcome.PIFU : Outcome.FOLLOW_UP, null);
            counts.add(e, new EventProfile(decile, "A", "2", 50));
        }
    }

    /** Stores every view of a cell and announces the keys, like the job's sink. */
    static void store(RedisCommands<String, String> redis, String period, Scope scope, MetricCounts counts) {
        StringBuilder announced = new StringBuilder("[");
        for (Metric m : Metric.values()) {
            for (Breakdown b : Breakdown.values()) {
                String key = RedisKeys.view(m, period, scope, b);
                redis.set(key, ViewJson.write(ViewBuilder.build(m, b, period, scope, counts, true, Instant.now().toString())));
                announced.append(announced.length() > 1 ? "," : "").append('"').append(key).append('"');
            }
        }
        redis.sadd(RedisKeys.PERIODS, period);
        redis.sadd(RedisKeys.SCOPES, scope.id());
        redis.publish(RedisKeys.UPDATES_CHANNEL, announced.append(']').toString());
    }
}
